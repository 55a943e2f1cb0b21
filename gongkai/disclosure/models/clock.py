"""Clock rows: every start, 补正 notice, restart, pause, resume and extension of a case's clock."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.disclosure.choices import ClockEventKind, PauseCause


class ClockEvent(models.Model):
    request = models.ForeignKey(
        "disclosure.DisclosureRequest",
        verbose_name="申请",
        on_delete=models.CASCADE,
        related_name="clock_events",
    )
    kind = models.CharField("类型", max_length=32, choices=ClockEventKind.choices)
    cause = models.CharField("暂停原因", max_length=20, choices=PauseCause.choices, blank=True)
    date = models.DateField("日期", help_text="起算、告知、暂停、恢复或批准延期的日期")
    date_party_received = models.DateField(
        "对方收到日期",
        null=True,
        blank=True,
        help_text="申请人或第三方收到告知书、征求意见书或收费通知的日期",
    )
    working_days = models.PositiveSmallIntegerField(
        "工作日数", default=0, help_text="延期的工作日数，或给申请人的补正期限"
    )
    party = models.CharField("对方", max_length=200, blank=True, help_text="被征求意见的第三方或机关")
    reason = models.TextField("理由或说明", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_label = models.CharField("操作人名称", max_length=150)
    at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "计时记录"
        verbose_name_plural = "计时记录"
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=ClockEventKind.EXTENSION) | models.Q(approved_by__isnull=False),
                name="disclosure_extension_needs_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date.isoformat()}"  # type: ignore[attr-defined]
