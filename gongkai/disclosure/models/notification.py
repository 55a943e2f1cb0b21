"""In-app notices to staff (deadline reminders); e-mail goes through the pluggable notifier."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.disclosure.choices import NotificationKind


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    request = models.ForeignKey(
        "disclosure.DisclosureRequest",
        verbose_name="申请",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("类型", max_length=20, choices=NotificationKind.choices)
    message = models.CharField("内容", max_length=300)
    created_at = models.DateTimeField("时间")
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    # recipient/case/kind/day: a reminder job that runs twice the same day does not notify twice.
    dedupe_key = models.CharField(max_length=120, unique=True)

    class Meta:
        verbose_name = "站内通知"
        verbose_name_plural = "站内通知"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message
