"""The application (政府信息公开申请) and its handling, one row per case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.disclosure.choices import (
    ApplicantKind,
    Channel,
    Delivery,
    FeeMethod,
    IdType,
    Medium,
    OrgKind,
    ReplyReason,
    ReplyType,
    State,
    applicant_column,
    reply_label,
)

# Fields that identify or reach the applicant: shown only to the handling unit and the openness
# office, and every showing is audited (see ``selectors.request_personal_data``).
PERSONAL_FIELDS = (
    "applicant_name",
    "contact_person",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
)


class DisclosureRequest(models.Model):
    tracking_code = models.CharField("查询码", max_length=12, unique=True)
    secret_hash = models.CharField("查询密码摘要", max_length=64, editable=False)

    # --- the applicant (art. 29 ¶2 (1)) -----------------------------------------------------------
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    org_kind = models.CharField("法人或其他组织类别", max_length=20, choices=OrgKind.choices, blank=True)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    contact_person = models.CharField("联系人（法人或其他组织）", max_length=50, blank=True)
    id_type = models.CharField("身份证明类型", max_length=20, choices=IdType.choices)
    id_number = models.CharField("身份证明号码", max_length=40)
    # SHA-256 of the normalised (type, number): finds the same applicant's other requests (fee month
    # count, repeats) without comparing raw numbers. A matching key, not an anonymisation.
    applicant_key = models.CharField(max_length=64, db_index=True, editable=False)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    # --- what is asked for (art. 29 ¶2 (2), (3)) ---------------------------------------------------
    info_title = models.CharField("所需信息名称", max_length=300, blank=True)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    description = models.TextField("所需信息的内容描述")
    medium = models.CharField("信息载体形式", max_length=20, choices=Medium.choices)
    delivery = models.CharField("获取方式", max_length=20, choices=Delivery.choices)

    # --- receipt (art. 31) ------------------------------------------------------------------------
    addressee_unit = models.ForeignKey(
        "units.Unit", verbose_name="受理机关", on_delete=models.PROTECT, related_name="disclosure_requests"
    )
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    date_arrived = models.DateField("到达日期", help_text="申请送达、签收或在线提交的日期")
    date_received = models.DateField(
        "收到申请之日", null=True, blank=True, db_index=True, help_text="第三十一条：答复期限的起算日"
    )

    # --- handling -----------------------------------------------------------------------------------
    state = models.CharField("状态", max_length=24, choices=State.choices, default=State.RECEIVED)
    assigned_unit = models.ForeignKey(
        "units.Unit",
        verbose_name="承办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_disclosure_requests",
    )
    assigned_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosure_requests",
    )
    correction_items = models.TextField("补正事项", blank=True)
    corrected_text = models.TextField("补正内容", blank=True)

    # --- reply (arts 36, 37, 35, 39; table 三) ------------------------------------------------------
    reply_type = models.CharField("办理结果", max_length=20, choices=ReplyType.choices, blank=True)
    reply_reason = models.CharField("具体情形", max_length=24, choices=ReplyReason.choices, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    date_replied = models.DateField("答复日期", null=True, blank=True, db_index=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # --- fee (国办函〔2020〕109号) -------------------------------------------------------------------
    fee_method = models.CharField("收费方式", max_length=20, choices=FeeMethod.choices, blank=True)
    fee_pages = models.PositiveIntegerField("页数", null=True, blank=True)
    fee_ordinal = models.PositiveIntegerField("本月第几件", null=True, blank=True)
    fee_amount_fen = models.PositiveIntegerField("信息处理费（分）", default=0)
    date_fee_paid = models.DateField("缴费日期", null=True, blank=True)

    created_at = models.DateTimeField("登记时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间")
    closed_at = models.DateTimeField("归档时间", null=True, blank=True)
    # Bumped by every service; a stale page or a racing handler is refused, not silently overwritten.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "assigned_unit"]),
            models.Index(fields=["addressee_unit", "state"]),
            models.Index(fields=["applicant_key", "date_received"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(applicant_kind=ApplicantKind.ORGANISATION) | Q(org_kind=""),
                name="disclosure_org_kind_only_for_organisations",
            ),
            models.CheckConstraint(
                condition=Q(reply_type__in=[ReplyType.DISCLOSE, ReplyType.PARTIAL, ""], reply_reason="")
                | ~Q(reply_type__in=[ReplyType.DISCLOSE, ReplyType.PARTIAL, ""]) & ~Q(reply_reason=""),
                name="disclosure_reply_reason_matches_type",
            ),
        ]

    def __str__(self) -> str:
        return f"依申请公开 {self.tracking_code}"

    @property
    def applicant_column(self) -> str:
        """The column of table 三 this request is counted in."""
        return applicant_column(self.applicant_kind, self.org_kind)

    @property
    def reply_label(self) -> str:
        return reply_label(self.reply_type, self.reply_reason)

    @property
    def handling_unit(self):  # type: ignore[no-untyped-def]
        """The unit answerable for the case: the assigned unit, else the addressee."""
        return self.assigned_unit or self.addressee_unit

    @property
    def fee_yuan(self) -> str:
        from gongkai.disclosure.fees import yuan

        return yuan(self.fee_amount_fen)
