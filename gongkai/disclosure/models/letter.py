"""Letters (文书) of a case: 受理回执, 补正告知书, 延期答复告知书, 第三方意见征询函, 收费通知书 and the
答复告知书. A letter is generated from the case, edited by the handler (each save is a new version) and
sent once; a sent letter never changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", "受理回执"
    CORRECTION = "correction", "补正告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "第三方意见征询函"
    FEE = "fee", "收费通知书"
    REPLY = "reply", "政府信息公开申请答复告知书"


class LetterState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SENT = "sent", "已发送"


class Letter(models.Model):
    versions: models.Manager[LetterVersion]

    request = models.ForeignKey(
        "disclosure.DisclosureRequest", verbose_name="申请", on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField("文书类型", max_length=20, choices=LetterKind.choices)
    # The reply letter's art. 36 outcome (table 三 row); empty for the other kinds.
    reply_type = models.CharField("办理结果", max_length=20, blank=True)
    reply_reason = models.CharField("具体情形", max_length=24, blank=True)
    recipient = models.CharField("收件人", max_length=200, help_text="申请人，或被征求意见的第三方")
    state = models.CharField("状态", max_length=10, choices=LetterState.choices, default=LetterState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("起草时间")
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind"],
                condition=Q(state="draft"),
                name="disclosure_one_draft_letter_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_state_display()}）"  # type: ignore[attr-defined]

    @property
    def current(self) -> LetterVersion:
        version = self.versions.order_by("-number").first()  # type: ignore[attr-defined]
        assert version is not None, "a letter always has its first version"
        return version  # type: ignore[no-any-return]

    @property
    def reply_label(self) -> str:
        from gongkai.disclosure.choices import reply_label

        return reply_label(self.reply_type, self.reply_reason)

    @property
    def addressed_to_applicant(self) -> bool:
        return self.kind != LetterKind.CONSULTATION


class LetterVersion(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    title = models.CharField("标题", max_length=100)
    salutation = models.CharField("称谓", max_length=200)
    body = models.TextField("正文")
    remedies = models.TextField("救济途径", blank=True)
    signature = models.CharField("落款", max_length=200)
    date = models.DateField("日期")
    note = models.CharField("修改说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("保存时间")

    class Meta:
        verbose_name = "文书版本"
        verbose_name_plural = "文书版本"
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="disclosure_letter_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"
