"""政策解读 (interpretations) and 政策简明问答 (Q&A pairs) linked to the policies they explain."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    TEXT = "text", "文字解读"
    IMAGE = "image", "图片解读"
    VIDEO = "video", "视频解读"


class InterpretationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


def interpretation_image_path(instance: Interpretation, filename: str) -> str:
    # Stored under the content hash, like document attachments; the uploaded name is never a path.
    return f"interpretations/{instance.image_sha256[:2]}/{instance.image_sha256}.{instance.image_extension}"


class Interpretation(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name="解读单位", on_delete=models.PROTECT, related_name="interpretations"
    )
    title = models.CharField("标题", max_length=300)
    kind = models.CharField("解读形式", max_length=10, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField("解读正文", blank=True)
    image = models.FileField("解读图片", upload_to=interpretation_image_path, max_length=200, blank=True)
    image_extension = models.CharField(max_length=10, blank=True)
    image_sha256 = models.CharField(max_length=64, blank=True)
    video_url = models.URLField("视频地址", max_length=500, blank=True)
    interpreter_name = models.CharField("解读人", max_length=50, blank=True)
    interpreter_role = models.CharField("解读人职务", max_length=100, blank=True)
    documents = models.ManyToManyField(
        "documents.Document", verbose_name="解读的政策文件", related_name="interpretations", blank=True
    )
    status = models.CharField(
        "状态",
        max_length=20,
        choices=InterpretationStatus.choices,
        default=InterpretationStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间")
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == InterpretationStatus.PUBLISHED


class PolicyQA(models.Model):
    """One question and answer drawn from a policy (政策简明问答), pointing at the clause it explains."""

    document = models.ForeignKey(
        "documents.Document", verbose_name="政策文件", on_delete=models.CASCADE, related_name="qa_pairs"
    )
    question = models.CharField("问题", max_length=300)
    answer = models.TextField("回答")
    clause_ref = models.CharField("条款", max_length=100, blank=True, help_text="如“第三条”")
    sort_order = models.PositiveIntegerField("排序", default=0)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撰写人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间")

    class Meta:
        verbose_name = "政策简明问答"
        verbose_name_plural = "政策简明问答"
        ordering = ["document", "sort_order", "id"]

    def __str__(self) -> str:
        return self.question
