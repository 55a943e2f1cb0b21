"""Workbench forms for interpretations and Q&A pairs (parsing only; rules live in the services)."""

from __future__ import annotations

import re

from django import forms

from gongkai.interpretations.models import Kind

_ID_SPLIT = re.compile(r"[\s,，、;；]+")


class InterpretationForm(forms.Form):
    unit = forms.ChoiceField(label="解读单位")
    title = forms.CharField(label="标题", max_length=300)
    kind = forms.ChoiceField(label="解读形式", choices=Kind.choices)
    body = forms.CharField(label="解读正文", widget=forms.Textarea, required=False)
    image = forms.FileField(label="解读图片（jpg/png/gif）", required=False)
    video_url = forms.CharField(label="视频地址", max_length=500, required=False)
    interpreter_name = forms.CharField(label="解读人", max_length=50, required=False)
    interpreter_role = forms.CharField(label="解读人职务", max_length=100, required=False)
    documents = forms.CharField(
        label="解读的政策文件编号", help_text="政策文件页面地址中的数字编号，多个以逗号分隔", required=False
    )

    def __init__(self, *args: object, unit_choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].choices = unit_choices  # type: ignore[attr-defined]

    def clean_documents(self) -> list[int]:
        raw = self.cleaned_data.get("documents", "")
        ids = [p for p in _ID_SPLIT.split(raw) if p]
        if any(not p.isdigit() for p in ids):
            raise forms.ValidationError("政策文件编号须为数字。")
        return list(dict.fromkeys(int(p) for p in ids))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea, max_length=1000)


class PolicyQAForm(forms.Form):
    question = forms.CharField(label="问题", max_length=300)
    answer = forms.CharField(label="回答", widget=forms.Textarea)
    clause_ref = forms.CharField(label="条款", max_length=100, required=False, help_text="如“第三条”")
