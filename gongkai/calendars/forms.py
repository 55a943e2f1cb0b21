"""Forms of the calendar pages: entering a year's arrangement and a small deadline calculator."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.calendars.arrangement import parse_arrangement
from gongkai.calendars.models import MAX_YEAR, MIN_YEAR
from gongkai.core.errors import InvalidInput

TEXT_HELP = (
    "每行一项：日期或日期范围、节日名称、“休”或“班”，以空格分隔。"
    "“休”为法定节假日（放假），“班”为调休上班日（须为周六或周日）。以 # 开头的行为注释。"
)
TEXT_PLACEHOLDER = "2027-01-01 元旦 休\n2027-02-06~2027-02-12 春节 休\n2027-02-14 春节 班"


class ArrangementForm(forms.Form):
    """The year, its legal basis and the pasted arrangement; ``clean`` parses the text."""

    year = forms.IntegerField(label="年份", min_value=MIN_YEAR, max_value=MAX_YEAR)
    source = forms.CharField(
        label="安排依据",
        max_length=200,
        help_text="国务院办公厅通知的文号或标题，如：国办发明电〔2026〕X号",
    )
    text = forms.CharField(
        label="节假日与调休安排",
        help_text=TEXT_HELP,
        widget=forms.Textarea(
            attrs={"rows": 16, "cols": 60, "placeholder": TEXT_PLACEHOLDER, "spellcheck": "false"}
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("text")
        year = cleaned.get("year")
        if text and year:
            try:
                arrangement = parse_arrangement(text, year=year)
            except InvalidInput as exc:
                for message in exc.errors.get("text", [exc.message]):
                    self.add_error("text", message)
            else:
                cleaned["holidays"] = arrangement.holidays
                cleaned["workdays"] = arrangement.workdays
        return cleaned


class DeadlineForm(forms.Form):
    """Count working days from a date, to check a deadline by hand."""

    start = forms.DateField(label="起算日", help_text="不计入当日，自次日起算")
    days = forms.IntegerField(label="工作日数", min_value=0, max_value=3650)
