"""Forms of the search app's staff pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from gongkai.search.synonyms import MAX_TERM_CHARS

_SPLIT_RE = re.compile(r"[\n\r,，、;；]+")
MAX_PERIOD_DAYS = 366 * 3


class SynonymForm(forms.Form):
    term = forms.CharField(label="词语", max_length=MAX_TERM_CHARS, help_text="如：社保")
    expansions = forms.CharField(
        label="同义词或全称",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        help_text="每行一个，或用顿号、逗号分隔；检索其中任一个词都会同时查找其余的词。",
    )
    is_active = forms.BooleanField(label="启用", required=False, initial=True)

    def expansion_list(self) -> list[str]:
        return [p.strip() for p in _SPLIT_RE.split(self.cleaned_data["expansions"]) if p.strip()]


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label="开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if start > end:
                raise forms.ValidationError("开始日期不能晚于结束日期。")
            if (end - start) > dt.timedelta(days=MAX_PERIOD_DAYS):
                raise forms.ValidationError("统计期间最长三年。")
        return data
