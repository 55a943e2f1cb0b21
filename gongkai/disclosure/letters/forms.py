"""Staff forms for letters: they parse; the rules are in ``letters.services``."""

from __future__ import annotations

from django import forms

from gongkai.disclosure.choices import ReplyReason, ReplyType
from gongkai.disclosure.models import LetterKind


class LetterDraftForm(forms.Form):
    kind = forms.ChoiceField(label="文书类型", choices=LetterKind.choices)
    reply_type = forms.ChoiceField(
        label="办理结果（答复告知书）", required=False, choices=[("", "—"), *ReplyType.choices]
    )
    reply_reason = forms.ChoiceField(
        label="具体情形（不予公开的理由、无法提供或不予处理的原因）",
        required=False,
        choices=[("", "—（予以公开、部分公开无需选择）")]
        + [
            (r.value, r.label)
            for r in ReplyReason
            if r not in {ReplyReason.NO_CORRECTION, ReplyReason.FEE_UNPAID}
        ],
    )
    reply_text = forms.CharField(
        label="答复说明（写入告知书正文，可留空后再编辑）",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class LetterEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="标题", max_length=100)
    salutation = forms.CharField(label="称谓", max_length=200)
    body = forms.CharField(label="正文", max_length=8000, widget=forms.Textarea(attrs={"rows": 14}))
    remedies = forms.CharField(
        label="救济途径", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    signature = forms.CharField(label="落款", max_length=200)
    note = forms.CharField(label="修改说明", required=False, max_length=200)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
