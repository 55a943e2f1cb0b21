"""Staff forms of 依申请公开: they only parse; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.accounts.models import User
from gongkai.disclosure.choices import (
    CONSULTATION_CAUSES,
    RECEIPT_RULES,
    AppealKind,
    AppealOutcome,
    ApplicantKind,
    Channel,
    Delivery,
    FeeMethod,
    IdType,
    Medium,
    OrgKind,
    PauseCause,
    ReplyReason,
    ReplyType,
)
from gongkai.disclosure.constants import (
    DEFAULT_CORRECTION_PERIOD_WORKING_DAYS,
    MAX_CORRECTION_PERIOD_WORKING_DAYS,
    MAX_EXTENSION_WORKING_DAYS,
)
from gongkai.disclosure.services import RequestInput
from gongkai.units.models import Unit

DATE = forms.DateInput(attrs={"type": "date"})


def _date(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, help_text=help_text)


def _text(label: str, *, rows: int = 3, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text
    )


class VersionedForm(forms.Form):
    """Every action form carries the version the page showed, so a stale page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RegisterRequestForm(forms.Form):
    """Registering an application received in person, by letter, by fax (or online by other means)."""

    addressee_unit = forms.ModelChoiceField(label="受理机关", queryset=Unit.objects.none())
    channel = forms.ChoiceField(
        label="申请渠道",
        choices=Channel.choices,
        initial=Channel.IN_PERSON,
        help_text="；".join(RECEIPT_RULES[c] for c in Channel.values),
    )
    date_arrived = _date("到达日期", help_text="当面提交之日、信函签收或送达之日、传真收到之日")
    date_received = _date("收到申请之日", help_text="依第三十一条确定，答复期限自次日起算")
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices)
    org_kind = forms.ChoiceField(
        label="法人或其他组织类别", choices=[("", "—"), *OrgKind.choices], required=False
    )
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    id_type = forms.ChoiceField(label="身份证明类型", choices=IdType.choices)
    id_number = forms.CharField(label="身份证明号码", max_length=40)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    info_title = forms.CharField(label="所需信息名称", max_length=300, required=False)
    doc_number = forms.CharField(label="文号", max_length=60, required=False)
    description = _text("所需信息的内容描述", rows=5, help_text="名称、文号或便于查询的其他特征性描述")
    medium = forms.ChoiceField(label="信息载体形式", choices=Medium.choices)
    delivery = forms.ChoiceField(label="获取方式", choices=Delivery.choices)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["addressee_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units if units is not None else Unit.objects.none()

    def to_input(self) -> RequestInput:
        d = self.cleaned_data
        return RequestInput(**{k: d[k] for k in RequestInput.__dataclass_fields__})


class RegisterForm(VersionedForm):
    date_received = _date("收到申请之日", help_text="网上申请、传真、平信：与申请人双方确认之日")


class CorrectionNoticeForm(VersionedForm):
    items = _text("需要补正的事项", rows=4, help_text="一次性告知全部需要补正的事项")
    period_working_days = forms.IntegerField(
        label="补正期限（工作日）",
        min_value=1,
        max_value=MAX_CORRECTION_PERIOD_WORKING_DAYS,
        initial=DEFAULT_CORRECTION_PERIOD_WORKING_DAYS,
    )
    date_notice = _date("告知日期", required=False, help_text="留空为今天")
    date_applicant_received = _date("申请人收到告知日期", required=False)


class CorrectionReceiveForm(VersionedForm):
    date_corrected = _date("收到补正之日", help_text="答复期限自此日重新计算")
    corrected_text = _text("补正内容")
    late_reason = forms.CharField(label="逾期补正的正当理由", required=False, max_length=1000)


class EmptyActionForm(VersionedForm):
    pass


class AssignForm(VersionedForm):
    unit = forms.ModelChoiceField(label="承办单位", queryset=Unit.objects.none())
    handler = forms.ModelChoiceField(label="承办人", queryset=User.objects.none(), required=False)
    reason = forms.CharField(label="转办理由", max_length=1000, required=False, help_text="转办时必填")

    def __init__(self, *args: Any, units: Any = None, handlers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]
        self.fields["handler"].queryset = handlers if handlers is not None else User.objects.none()  # type: ignore[attr-defined]


class BulkAssignForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(label="申请", coerce=int, choices=())
    unit = forms.ModelChoiceField(label="承办单位", queryset=Unit.objects.none())
    handler = forms.ModelChoiceField(label="承办人", queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, ids: Any = (), units: Any = None, handlers: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(i, i) for i in ids]  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]
        self.fields["handler"].queryset = handlers if handlers is not None else User.objects.none()  # type: ignore[attr-defined]


class ConsultationStartForm(VersionedForm):
    cause = forms.ChoiceField(
        label="征求意见对象", choices=[(c.value, c.label) for c in PauseCause if c in CONSULTATION_CAUSES]
    )
    party = forms.CharField(label="第三方或机关名称", max_length=200)
    reason = forms.CharField(label="征求意见的理由", max_length=1000)
    date_sent = _date("发出日期", required=False, help_text="留空为今天；自此暂停计算答复期限")
    date_party_received = _date(
        "对方收到日期", required=False, help_text="对方答复期限（15个工作日）的起算日"
    )


class ConsultationFinishForm(VersionedForm):
    date_answered = _date("收到意见或期限届满之日", help_text="次日起恢复计算答复期限")
    outcome = forms.CharField(
        label="征求意见结果",
        max_length=1000,
        help_text="同意 / 不同意及理由 / 逾期未答复（共同制作机关视为同意）",
    )


class ExtendForm(VersionedForm):
    working_days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=MAX_EXTENSION_WORKING_DAYS)
    reason = forms.CharField(label="延期理由", max_length=1000)
    approved_by = forms.ModelChoiceField(label="批准人（公开工作机构负责人）", queryset=User.objects.none())
    date_approved = _date("批准日期", required=False, help_text="留空为今天")

    def __init__(self, *args: Any, approvers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [u.pk for u in approvers or []]
        self.fields["approved_by"].queryset = User.objects.filter(pk__in=ids)  # type: ignore[attr-defined]


class FeeNoticeForm(VersionedForm):
    method = forms.ChoiceField(
        label="收费方式", choices=FeeMethod.choices, help_text="按件或按量，只能选其一"
    )
    pages = forms.IntegerField(label="页数（按量计收）", min_value=1, required=False)
    reason = forms.CharField(
        label="收费理由", max_length=1000, help_text="申请数量、频次明显超过合理范围的情况"
    )
    date_notice = _date("通知日期", required=False, help_text="留空为今天；自此暂停计算答复期限")
    date_notice_received = _date("申请人收到通知日期", required=False, help_text="缴费期限自次日起算")


class FeePaidForm(VersionedForm):
    date_paid = _date("缴费日期")


class ReplyForm(VersionedForm):
    reply_type = forms.ChoiceField(label="办理结果", choices=ReplyType.choices)
    reply_reason = forms.ChoiceField(
        label="具体情形",
        required=False,
        choices=[("", "—（予以公开、部分公开无需选择）")]
        + [
            (r.value, r.label)
            for r in ReplyReason
            if r not in {ReplyReason.NO_CORRECTION, ReplyReason.FEE_UNPAID}
        ],
    )
    reply_text = _text("答复内容", rows=6)
    date_replied = _date("答复日期", required=False, help_text="留空为今天")


class AppealForm(VersionedForm):
    kind = forms.ChoiceField(label="类型", choices=AppealKind.choices)
    authority = forms.CharField(label="复议机关或受理法院", max_length=200)
    date_filed = _date("申请或起诉日期")
    note = forms.CharField(label="说明", max_length=1000, required=False)


class AppealDecideForm(VersionedForm):
    appeal = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label="审结结果", choices=[(o.value, o.label) for o in AppealOutcome if o != AppealOutcome.PENDING]
    )
    date_decided = _date("审结日期")
    note = forms.CharField(label="说明", max_length=1000, required=False)


class CaseFilterForm(forms.Form):
    state = forms.CharField(required=False)
    unit = forms.IntegerField(required=False)
    applicant_kind = forms.CharField(required=False)
    days_left = forms.CharField(required=False)
    q = forms.CharField(required=False, max_length=100)
    mine = forms.BooleanField(required=False)
