"""Workbench forms: they only parse; the rules live in the services."""

from __future__ import annotations

from django import forms

from gongkai.documents.choices import (
    GENRE_CHOICES,
    TOPIC_CHOICES,
    Disclosure,
    DisclosureMethod,
    Validity,
    WithholdingReason,
)
from gongkai.documents.services import DocumentInput


class DocumentForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    doc_number = forms.CharField(
        label="发文字号", max_length=60, required=False, help_text="如 苏府办〔2018〕193号"
    )
    issuer = forms.CharField(label="发文机关", max_length=200, required=False, help_text="留空则为本单位")
    date_written = forms.DateField(label="成文日期", widget=forms.DateInput(attrs={"type": "date"}))
    date_formed = forms.DateField(
        label="信息形成或变更日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    topic = forms.ChoiceField(label="主题分类", choices=TOPIC_CHOICES)
    genre = forms.ChoiceField(label="文种", choices=GENRE_CHOICES, initial="通知")
    disclosure = forms.ChoiceField(label="公开属性", choices=Disclosure.choices, initial=Disclosure.PROACTIVE)
    withholding_reason = forms.ChoiceField(
        label="不予公开理由", choices=[("", "—"), *WithholdingReason.choices], required=False
    )
    disclosure_method = forms.ChoiceField(label="公开方式", choices=DisclosureMethod.choices)
    keywords = forms.CharField(label="主题词", max_length=200, required=False)
    summary = forms.CharField(label="内容概述", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 18}))
    scheduled_at = forms.DateTimeField(
        label="定时发布时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="留空则审核通过后立即发布",
    )

    def to_input(self) -> DocumentInput:
        d = self.cleaned_data
        return DocumentInput(
            title=d["title"],
            body=d["body"],
            date_written=d["date_written"],
            topic=d["topic"],
            genre=d["genre"],
            doc_number=d["doc_number"],
            issuer=d["issuer"],
            date_formed=d["date_formed"],
            disclosure=d["disclosure"],
            withholding_reason=d["withholding_reason"],
            disclosure_method=d["disclosure_method"],
            keywords=d["keywords"],
            summary=d["summary"],
            scheduled_at=d["scheduled_at"],
        )


class ReviseForm(DocumentForm):
    change_note = forms.CharField(label="修订说明", max_length=300, help_text="将显示在公开的变更记录中")


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    date_changed = forms.DateField(
        label="失效/废止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    superseded_by = forms.IntegerField(label="替代文件编号", required=False, min_value=1)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件", help_text="PDF、Word、Excel、OFD 或图片")


class AuditSearchForm(forms.Form):
    text = forms.CharField(label="关键词", required=False, max_length=100)
    action = forms.CharField(label="操作", required=False, max_length=64)
    date_from = forms.DateField(label="起", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="止", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class SupersedeForm(forms.Form):
    old_doc_number = forms.CharField(label="被替代文件的发文字号", max_length=60)
    validity = forms.ChoiceField(
        label="旧文件的状态",
        choices=[
            (v, Validity(v).label)
            for v in (Validity.REPEALED, Validity.AMENDED, Validity.EXPIRED, Validity.PARTLY_EXPIRED)
        ],
    )
