"""The publishing gate's records: one review per subject (a document, later a reply letter …) and one
decision per finding. No raw personal data is stored: a finding is identified by a keyed hash of its
label and text, and only the masked or chosen replacement is kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewState(models.TextChoices):
    CLEAN = "clean", "未发现个人信息"
    PENDING = "pending", "待核对"
    RESOLVED = "resolved", "已处理"


class PrivacyReview(models.Model):
    """The gate's latest view of one subject, keyed by an object reference (``app_label.model`` + pk)."""

    subject_type = models.CharField("对象类型", max_length=60)
    subject_id = models.CharField("对象编号", max_length=40)
    subject_label = models.CharField("对象名称", max_length=300, blank=True)
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField("状态", max_length=20, choices=ReviewState.choices, default=ReviewState.PENDING)
    blocking_count = models.PositiveIntegerField("待处理个人信息", default=0)
    info_count = models.PositiveIntegerField("提示信息", default=0)
    manual_count = models.PositiveIntegerField("需人工审核的附件", default=0)
    label_counts = models.JSONField("按类别计数", default=dict, blank=True)
    is_published = models.BooleanField("已公开", default=False)
    scanned_at = models.DateTimeField("检查时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        verbose_name = "个人信息核对"
        verbose_name_plural = "个人信息核对"
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"], name="privacy_review_subject_unique"
            )
        ]
        indexes = [models.Index(fields=["state", "unit"], name="privacy_review_state_unit_idx")]

    def __str__(self) -> str:
        return self.subject_label or f"{self.subject_type}#{self.subject_id}"


class Decision(models.TextChoices):
    MASK = "mask", "遮盖"
    CUSTOM = "custom", "自定义替换"
    KEEP = "keep", "保留"
    CONFIRM = "confirm", "已人工审核"


class PrivacyDecision(models.Model):
    """What a reviewer decided about one finding (or, ``confirm``, about a file checked by hand)."""

    review = models.ForeignKey(PrivacyReview, on_delete=models.CASCADE, related_name="decisions")
    source = models.CharField("位置", max_length=100)
    location = models.CharField("段落", max_length=100, blank=True)
    label = models.CharField("类别", max_length=20, blank=True)
    start = models.PositiveIntegerField("起始", default=0)
    end = models.PositiveIntegerField("结束", default=0)
    fingerprint = models.CharField("指纹", max_length=80, db_index=True)
    decision = models.CharField("处理", max_length=20, choices=Decision.choices)
    replacement = models.CharField("替换为", max_length=200, blank=True)
    reason = models.TextField("理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "个人信息处理决定"
        verbose_name_plural = "个人信息处理决定"
        ordering = ["review", "id"]

    def __str__(self) -> str:
        return f"{self.source} {self.label} {self.decision}"

    @property
    def label_zh(self) -> str:
        from gongkai.privacy.types import LABEL_NAMES_ZH

        return LABEL_NAMES_ZH.get(self.label, self.label)
