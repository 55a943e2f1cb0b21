"""Forms of 一号答 (public and staff): they only parse; the rules live in the services, whose Chinese
messages are placed on the fields."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.core import signing

from gongkai.interaction.choices import Channel, Rating, State, TicketType, Urgency
from gongkai.interaction.constants import MAX_REASON_CHARS, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS
from gongkai.interaction.services.intake import ANONYMOUS_ALLOWED, TicketInput
from gongkai.units.models import Unit

TOKEN_SALT = "gongkai.interaction.public-form"  # noqa: S105 - a signing salt
TOKEN_MAX_AGE = 24 * 3600
HONEYPOT = "website"
ANONYMOUS_HELP = "、".join(str(TicketType(t).label) for t in TicketType.values if t in ANONYMOUS_ALLOWED)


def new_form_token() -> str:
    return signing.dumps(secrets.token_urlsafe(18), salt=TOKEN_SALT)


def read_form_token(value: str) -> str | None:
    try:
        return str(signing.loads(value or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE))
    except signing.BadSignature:
        return None


def _area(label: str, max_length: int, *, rows: int = 3, required: bool = True, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


def _chinese_required(form: forms.Form) -> None:
    for field in form.fields.values():
        if field.required:
            verb = "填写" if isinstance(field.widget, forms.TextInput | forms.Textarea) else "选择"
            field.error_messages["required"] = f"请{verb}{field.label}。"
        if isinstance(field, forms.CharField) and field.max_length:
            field.error_messages["max_length"] = f"{field.label}不能超过{field.max_length}字。"
        if isinstance(field, forms.ChoiceField):
            field.error_messages["invalid_choice"] = f"请选择{field.label}。"


class TicketForm(forms.Form):
    """The citizen's form (no urgency: the hotline centre grades it)."""

    ticket_type = forms.ChoiceField(
        label="诉求类型",
        choices=[("", "请选择"), *TicketType.choices],
        help_text=f"可以匿名的类型：{ANONYMOUS_HELP}。",
    )
    subject = forms.CharField(label="标题", max_length=MAX_SUBJECT_CHARS)
    content = _area(
        "诉求内容", MAX_TEXT_CHARS, rows=6, help_text="请写明事情经过、您的诉求和希望解决的问题。"
    )
    place = forms.CharField(label="事发地点", max_length=200, required=False)
    anonymous = forms.BooleanField(
        label="匿名反映", required=False, help_text=f"仅{ANONYMOUS_HELP}类可匿名；匿名诉求不保留联系方式。"
    )
    contact_name = forms.CharField(label="联系人", max_length=50, required=False)
    contact_phone = forms.CharField(
        label="联系电话", max_length=30, required=False, help_text="非匿名时必填。"
    )
    contact_email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    consent_publish = forms.BooleanField(
        label="同意将诉求及答复经脱敏后公开", required=False, help_text="不影响诉求的办理。"
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(
        label="网址（请勿填写）",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _chinese_required(self)

    @property
    def bot(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def to_input(self, *, channel: str = Channel.WEBSITE, urgency: str = Urgency.NORMAL) -> TicketInput:
        d = self.cleaned_data
        return TicketInput(
            ticket_type=d["ticket_type"],
            subject=d["subject"],
            content=d["content"],
            channel=channel,
            urgency=urgency,
            place=d.get("place") or "",
            anonymous=bool(d.get("anonymous")),
            contact_name=d.get("contact_name") or "",
            contact_phone=d.get("contact_phone") or "",
            contact_email=d.get("contact_email") or "",
            consent_publish=bool(d.get("consent_publish")),
        )


def prefill_initial(params: Any) -> dict[str, str]:
    """Initial values from a link (``?type=consultation&subject=…&content=…``), e.g. the Q&A
    assistant's 转人工咨询: the citizen sees the form filled in and still checks and submits it."""
    initial: dict[str, str] = {}
    ticket_type = str(params.get("type", ""))
    if ticket_type in TicketType.values:
        initial["ticket_type"] = ticket_type
    for name, limit in (("subject", MAX_SUBJECT_CHARS), ("content", MAX_TEXT_CHARS)):
        value = str(params.get(name, "")).strip()
        if value:
            initial[name] = value[:limit]
    return initial


class StaffTicketForm(TicketForm):
    """Operator intake of a phone call, a walk-in or a letter: channel and urgency are chosen."""

    hotline_unit = forms.ModelChoiceField(
        label="受理单位", queryset=Unit.objects.none(), empty_label="请选择"
    )
    channel = forms.ChoiceField(label="来源渠道", choices=Channel.choices, initial=Channel.PHONE)
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices, initial=Urgency.NORMAL)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["form_token"], self.fields["website"]
        self.fields["hotline_unit"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]
        self.fields["hotline_unit"].error_messages["invalid_choice"] = "请选择受理单位。"

    @property
    def bot(self) -> bool:
        return False


class LookupForm(forms.Form):
    tracking_code = forms.CharField(
        label="查询码",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "请填写查询码。"},
    )
    secret = forms.CharField(
        label="查询密码",
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "请填写查询密码。"},
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label="您对办理结果的评价",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择评价（满意、基本满意或不满意）。",
            "invalid_choice": "请选择评价。",
        },
    )
    note = _area("评价意见（可选）", MAX_REASON_CHARS, required=False)


class ReopenForm(forms.Form):
    reason = _area("申请重办的理由", MAX_REASON_CHARS, error_messages={"required": "请填写申请重办的理由。"})


# --- staff ------------------------------------------------------------------------------------------


class VersionedForm(forms.Form):
    """Carries the version the page showed, so a stale page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class UnitForm(VersionedForm):
    unit = forms.ModelChoiceField(label="承办单位", queryset=Unit.objects.none(), empty_label="请选择")

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]
        self.fields["unit"].error_messages.update(
            required="请选择承办单位。", invalid_choice="请选择承办单位。"
        )


class DispatchForm(UnitForm):
    note = _area("转办说明（可选）", MAX_REASON_CHARS, required=False)


class TransferForm(UnitForm):
    reason = _area("改派理由", MAX_REASON_CHARS, error_messages={"required": "请填写改派理由。"})


class ReturnForm(VersionedForm):
    reason = _area("退回理由", MAX_REASON_CHARS, error_messages={"required": "请填写退回理由。"})


class ReplyForm(VersionedForm):
    reply_text = _area("反馈内容", MAX_TEXT_CHARS, rows=6, error_messages={"required": "请填写反馈内容。"})


class StaffRateForm(VersionedForm, RateForm):
    pass


class StaffReopenForm(VersionedForm, ReopenForm):
    pass


class CloseForm(VersionedForm):
    visit_note = _area("回访记录", 1000, error_messages={"required": "请填写回访记录。"})


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(label="状态", choices=[("", "全部"), *State.choices], required=False)
    ticket_type = forms.ChoiceField(
        label="诉求类型", choices=[("", "全部"), *TicketType.choices], required=False
    )
    flag = forms.ChoiceField(
        label="时限", choices=[("", "全部"), ("at_risk", "即将到期"), ("overdue", "已超期")], required=False
    )
