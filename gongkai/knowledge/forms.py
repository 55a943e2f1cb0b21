"""Workbench forms of the knowledge base (parsing only; the rules live in the services)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from gongkai.knowledge.choices import EntryState
from gongkai.knowledge.constants import MAX_QUESTION_CHARS, MAX_REASON_CHARS
from gongkai.knowledge.models import LifeEvent
from gongkai.knowledge.selectors import life_events_active

_SPLIT = re.compile(r"[\s,，、;；]+")


class VersionedForm(forms.Form):
    """Carries the entry's ``version`` as loaded, for the optimistic check."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReasonForm(VersionedForm):
    reason = forms.CharField(
        label="理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_REASON_CHARS
    )


class EntryForm(VersionedForm):
    question = forms.CharField(label="标准问题", max_length=MAX_QUESTION_CHARS)
    phrasings = forms.CharField(
        label="相似问法",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="群众可能的其他问法，每行一条",
    )
    answer_html = forms.CharField(
        label="答案",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=(
            "可直接输入文字（每行一段），或使用 p、br、strong、ul/ol/li、h3/h4、a、table 等基本标签；"
            "其他标签和脚本会被去除"
        ),
    )
    tags = forms.CharField(label="标签", required=False, help_text="多个以逗号或顿号分隔，如：社保、医保")
    life_events = forms.ModelMultipleChoiceField(
        label="人生事件与主题",
        queryset=LifeEvent.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    documents = forms.CharField(
        label="关联政策文件编号",
        required=False,
        help_text="政策文件页面地址中的数字编号，多个以逗号分隔",
    )
    service_name = forms.CharField(
        label="相关办事事项", required=False, max_length=200, help_text="办事事项目录尚未接入，暂填事项名称"
    )
    service_url = forms.CharField(label="办事入口网址", required=False, max_length=500)
    date_valid_from = forms.DateField(
        label="生效日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_review_by = forms.DateField(
        label="复核日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="到期后提醒本单位复核；不填则自发布之日起一年",
    )
    note = forms.CharField(label="修改说明", required=False, max_length=500)

    def __init__(self, *args: Any, unit_choices: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["life_events"].queryset = life_events_active()  # type: ignore[attr-defined]
        self.fields["life_events"].label_from_instance = (  # type: ignore[attr-defined]
            lambda e: f"{e.get_audience_display()}·{e.name}"
        )
        if unit_choices is not None:
            self.fields = {"unit": forms.ChoiceField(label="责任单位", choices=unit_choices), **self.fields}
            self.fields["version"].required = False

    def clean_phrasings(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("phrasings", "").splitlines() if line.strip()]

    def clean_tags(self) -> list[str]:
        return [t for t in _SPLIT.split(self.cleaned_data.get("tags", "")) if t]

    def clean_documents(self) -> list[int]:
        ids = [p for p in _SPLIT.split(self.cleaned_data.get("documents", "")) if p]
        if any(not p.isdigit() for p in ids):
            raise forms.ValidationError("政策文件编号须为数字。")
        return list(dict.fromkeys(int(p) for p in ids))


class StaffFilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *EntryState.choices])
    q = forms.CharField(label="问题", required=False, max_length=100)
    tag = forms.CharField(label="标签", required=False, max_length=20)
    life_event = forms.ChoiceField(label="人生事件/主题", required=False)
    stale = forms.BooleanField(label="仅看待复核", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["life_event"].choices = [  # type: ignore[attr-defined]
            ("", "全部"),
            *[(e.code, f"{e.get_audience_display()}·{e.name}") for e in life_events_active()],
        ]


class AskForm(forms.Form):
    q = forms.CharField(label="您想问什么", required=False, max_length=100)


class AssistantForm(forms.Form):
    """The 智能问答 question box. Length and content are checked by the service, whose messages are
    the ones the page shows (one set of rules for the page and the API)."""

    question = forms.CharField(
        label="请输入您的问题",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500, "placeholder": "如：社保怎么交？"}),
        help_text="用日常说法提问即可，500字以内。请勿填写姓名、电话、身份证号等个人信息。",
    )
