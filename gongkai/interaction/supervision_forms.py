"""Forms of the 提醒 / 督办 / statistics staff pages; kept apart from ``forms.py`` (they only parse)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from gongkai.interaction import forms as base
from gongkai.interaction.constants import MAX_ACK_NOTE_CHARS

FLAG_CHOICES = [("", "全部"), ("at_risk", "即将到期"), ("overdue", "已超期"), ("supervised", "被督办")]


class QueueFilterForm(base.QueueFilterForm):
    """The queue filter with 被督办 (a 督办 record, not yet replied) next to 即将到期 and 已超期."""

    flag = forms.ChoiceField(label="时限", choices=FLAG_CHOICES, required=False)


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label="办理说明",
        max_length=MAX_ACK_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明超期原因和办理安排。",
        error_messages={
            "required": "请填写办理说明。",
            "max_length": f"办理说明不能超过{MAX_ACK_NOTE_CHARS}字。",
        },
    )


class StatsFilterForm(forms.Form):
    date_from = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "请输入有效的日期（年-月-日）。"

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period; by default this year up to today."""
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("date_from") or dt.date(self.today.year, 1, 1)
        end = data.get("date_to") or max(self.today, start)
        return (start, end) if start <= end else (end, start)
