"""Workbench forms of the catalogues: they only parse; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.catalog.choices import CHANNELS, GRASSROOTS_DOMAINS, Audience, EntryMethod, Level
from gongkai.catalog.services import NAME_MAX, EntryInput


class NodeCreateForm(forms.Form):
    name = forms.CharField(label="栏目名称", max_length=NAME_MAX)
    parent = forms.IntegerField(label="上级栏目", required=False, min_value=1)


class NodeRenameForm(forms.Form):
    name = forms.CharField(label="新名称", max_length=NAME_MAX)


class EntryForm(forms.Form):
    domain = forms.TypedChoiceField(
        label="领域", coerce=int, choices=[(n, name) for n, name in enumerate(GRASSROOTS_DOMAINS, start=1)]
    )
    item = forms.CharField(label="公开事项（一级）", max_length=100)
    sub_item = forms.CharField(label="公开事项（二级）", max_length=100, required=False)
    content = forms.CharField(label="公开内容（要素）", widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.CharField(label="公开依据", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    time_limit_text = forms.CharField(
        label="公开时限", max_length=200, initial="信息形成（变更）之日起20个工作日内"
    )
    time_limit_days = forms.IntegerField(
        label="公开时限（工作日）",
        required=False,
        initial=20,
        help_text="用于逾期提醒；时限不是固定的工作日数（如“长期公开”）时留空",
    )
    channels = forms.MultipleChoiceField(
        label="公开渠道和载体",
        choices=[(c, c) for c in CHANNELS],
        widget=forms.CheckboxSelectMultiple,
        initial=["政府网站"],
    )
    audience = forms.ChoiceField(label="公开对象", choices=Audience.choices, initial=Audience.PUBLIC)
    method = forms.ChoiceField(label="公开方式", choices=EntryMethod.choices, initial=EntryMethod.PROACTIVE)
    level = forms.ChoiceField(label="公开层级", choices=Level.choices, initial=Level.COUNTY)
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=9999, initial=100)

    def __init__(self, *args: Any, unit_choices: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if unit_choices is not None:
            # Only when creating: an entry's 公开主体 does not change afterwards.
            self.fields = {"unit": forms.ChoiceField(label="公开主体", choices=unit_choices), **self.fields}

    def to_input(self) -> EntryInput:
        d = self.cleaned_data
        return EntryInput(
            item=d["item"],
            sub_item=d["sub_item"],
            content=d["content"],
            basis=d["basis"],
            time_limit_text=d["time_limit_text"],
            time_limit_days=d["time_limit_days"],
            channels=list(d["channels"]),
            audience=d["audience"],
            method=d["method"],
            level=d["level"],
            sort_order=d["sort_order"],
        )


class LinkForm(forms.Form):
    documents = forms.CharField(
        label="文件编号或发文字号",
        max_length=500,
        help_text="可填多个，用逗号或换行分隔，如 1024 或 苏府办〔2018〕193号",
    )

    def refs(self) -> list[str]:
        text = self.cleaned_data["documents"]
        for sep in ("，", "、", "；", ";", "\n"):
            text = text.replace(sep, ",")
        return [r.strip() for r in text.split(",") if r.strip()][:50]
