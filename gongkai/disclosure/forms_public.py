"""Forms of the public side of 依申请公开: they parse; the rules are in ``services.intake`` and
``services.public`` (whose Chinese messages are placed on the fields)."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.core import signing

from gongkai.disclosure.choices import (
    ApplicantKind,
    Delivery,
    IdType,
    Medium,
    OrgKind,
)
from gongkai.disclosure.constants import MAX_TEXT_CHARS
from gongkai.disclosure.services.intake import RequestInput
from gongkai.disclosure.services.public import MAX_FILES, PUBLIC_TYPES, accepting_units

TOKEN_SALT = "gongkai.disclosure.public-form"  # noqa: S105 - a signing salt
TOKEN_MAX_AGE = 24 * 3600
HONEYPOT = "website"


def new_form_token() -> str:
    return signing.dumps(secrets.token_urlsafe(18), salt=TOKEN_SALT)


def read_form_token(value: str) -> str | None:
    try:
        return str(signing.loads(value or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE))
    except signing.BadSignature:
        return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.Field):
    """Several uploads; checked by content and size in ``services.public.check_uploads``."""

    widget = MultipleFileInput

    def clean(self, value: Any) -> list[Any]:
        if not value:
            return []
        return list(value) if isinstance(value, list | tuple) else [value]


def _text(label: str, max_length: int, *, required: bool = False, **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=forms.TextInput(attrs=attrs)
    )


class ApplicationForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        initial=ApplicantKind.NATURAL_PERSON,
    )
    org_kind = forms.ChoiceField(
        label="法人或其他组织类别",
        required=False,
        choices=[("", "—（自然人无需选择）"), *OrgKind.choices],
        help_text="申请人为法人或其他组织的，请选择类别。",
    )
    applicant_name = _text("申请人姓名或名称", 100, required=True, autocomplete="name")
    contact_person = _text("联系人", 50, autocomplete="name")
    id_type = forms.ChoiceField(
        label="身份证明类型",
        choices=[("", "请选择"), *IdType.choices],
        help_text="自然人可用居民身份证、护照等；法人或其他组织请用统一社会信用代码。",
    )
    id_number = _text("身份证明号码", 40, required=True, autocomplete="off", spellcheck="false")
    phone = _text("联系电话", 30, autocomplete="tel", inputmode="tel")
    email = forms.CharField(
        label="电子邮箱",
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = _text("通信地址", 200, autocomplete="street-address")
    postcode = _text("邮政编码", 6, autocomplete="postal-code", inputmode="numeric")
    info_title = _text("所需信息的名称", 300)
    doc_number = _text("文号（如知道）", 60, placeholder="如：苏府〔2026〕12号")
    description = forms.CharField(
        label="所需信息的内容描述",
        max_length=MAX_TEXT_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请写明信息的名称、文号或便于查找的其他特征（如制作机关、时间、事项）。",
    )
    medium = forms.ChoiceField(label="信息载体形式", choices=Medium.choices, widget=forms.RadioSelect)
    delivery = forms.ChoiceField(label="获取方式", choices=Delivery.choices, widget=forms.RadioSelect)
    addressee_unit = forms.ModelChoiceField(
        label="受理机关",
        queryset=accepting_units(),
        empty_label="请选择",
        help_text="向制作或保存该信息的机关申请。",
    )
    attachments = FilesField(
        label="附件（可选）",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(f".{e}" for e in sorted(PUBLIC_TYPES))}),
        help_text=f"如身份证明复印件、补充说明等；最多{MAX_FILES}个，"
        f"格式：{'、'.join(sorted(PUBLIC_TYPES))}，单个不超过10 MB。",
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # Not shown to people (hidden by CSS, skipped by keyboard and screen readers); bots fill it in.
    website = forms.CharField(
        label="网址（请勿填写）",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressee_unit"].queryset = accepting_units()  # type: ignore[attr-defined]
        self.fields["addressee_unit"].error_messages["invalid_choice"] = "请选择受理机关。"
        for field in self.fields.values():
            if field.required:
                field.error_messages["required"] = (
                    f"请填写{field.label}。"
                    if isinstance(field.widget, forms.TextInput | forms.Textarea)
                    else f"请选择{field.label}。"
                )

    @property
    def bot(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def to_input(self) -> RequestInput:
        d = self.cleaned_data
        return RequestInput(
            applicant_kind=d["applicant_kind"],
            org_kind=d.get("org_kind") or "",
            applicant_name=d["applicant_name"],
            contact_person=d.get("contact_person") or "",
            id_type=d["id_type"],
            id_number=d["id_number"],
            phone=d.get("phone") or "",
            email=d.get("email") or "",
            address=d.get("address") or "",
            postcode=d.get("postcode") or "",
            info_title=d.get("info_title") or "",
            doc_number=d.get("doc_number") or "",
            description=d.get("description") or "",
            medium=d["medium"],
            delivery=d["delivery"],
        )


class LookupForm(forms.Form):
    tracking_code = forms.CharField(
        label="查询编号",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": "请填写查询编号。"},
    )
    secret = forms.CharField(
        label="查询码",
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "请填写查询码。"},
    )


class CorrectionForm(forms.Form):
    corrected_text = forms.CharField(
        label="补正内容",
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写补正内容。"},
        help_text="请针对补正告知书列明的事项逐项说明。",
    )
    late_reason = forms.CharField(
        label="逾期补正的理由（如已超过补正期限）",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attachments = FilesField(
        label="补正材料（可选）",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(f".{e}" for e in sorted(PUBLIC_TYPES))}),
    )


def describe_fields(form: forms.Form) -> None:
    """Link each input to its help text and error message (``aria-describedby``) and mark errors."""
    for name, field in form.fields.items():
        bound = form[name]
        ids = []
        if field.help_text:
            ids.append(f"{bound.auto_id}-help")
        if form.is_bound and name in form.errors:
            ids.append(f"{bound.auto_id}-err")
            field.widget.attrs["aria-invalid"] = "true"
        if ids:
            field.widget.attrs["aria-describedby"] = " ".join(ids)
