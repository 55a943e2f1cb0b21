"""What the public side needs: the applicant's attachments, one-time form tokens and attempt counts."""

from __future__ import annotations

from django.db import models


def request_attachment_path(instance: RequestAttachment, filename: str) -> str:
    # Stored under a content hash; the applicant's file name is kept in the row, never used as a path.
    return f"disclosure/{instance.sha256[:2]}/{instance.sha256}.{instance.extension}"


class AttachmentPurpose(models.TextChoices):
    APPLICATION = "application", "申请材料"
    CORRECTION = "correction", "补正材料"


class RequestAttachment(models.Model):
    request = models.ForeignKey(
        "disclosure.DisclosureRequest",
        verbose_name="申请",
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    purpose = models.CharField(
        "用途", max_length=20, choices=AttachmentPurpose.choices, default=AttachmentPurpose.APPLICATION
    )
    file = models.FileField("文件", upload_to=request_attachment_path, max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class SubmissionToken(models.Model):
    """A one-time token of the public form: the same form posted twice files one application."""

    token_hash = models.CharField(max_length=64, unique=True)
    request = models.ForeignKey(
        "disclosure.DisclosureRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    used_at = models.DateTimeField()

    class Meta:
        verbose_name = "表单令牌"
        verbose_name_plural = "表单令牌"

    def __str__(self) -> str:
        return self.token_hash[:12]


class PublicAttempt(models.Model):
    """One counted public action (filing, a tracking look-up) per hashed client address, for limits."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "公众操作记录"
        verbose_name_plural = "公众操作记录"
        indexes = [models.Index(fields=["scope", "key", "at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.at.isoformat()}"
