"""行政复议 and 行政诉讼 brought over a case: the rows of table 四."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.disclosure.choices import AppealKind, AppealOutcome


class Appeal(models.Model):
    request = models.ForeignKey(
        "disclosure.DisclosureRequest", verbose_name="申请", on_delete=models.CASCADE, related_name="appeals"
    )
    kind = models.CharField("类型", max_length=30, choices=AppealKind.choices)
    authority = models.CharField("复议机关或受理法院", max_length=200)
    date_filed = models.DateField("申请或起诉日期")
    outcome = models.CharField(
        "结果", max_length=20, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    date_decided = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间")
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        verbose_name = "行政复议、行政诉讼"
        verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["date_filed", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind"],
                condition=Q(outcome=AppealOutcome.PENDING),
                name="disclosure_one_pending_appeal_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(outcome=AppealOutcome.PENDING) | Q(date_decided__isnull=False),
                name="disclosure_decided_appeal_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_outcome_display()}）"  # type: ignore[attr-defined]
