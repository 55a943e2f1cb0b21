"""Government information (政府信息) with its standard metadata, versions and attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.documents.choices import (
    GENRE_CHOICES,
    TOPIC_CHOICES,
    Disclosure,
    DisclosureMethod,
    Status,
    Validity,
    WithholdingReason,
)


class Document(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name="发布机构", on_delete=models.PROTECT, related_name="documents"
    )
    index_number = models.CharField("索引号", max_length=40, unique=True, null=True, blank=True)
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("发文字号", max_length=60, blank=True, db_index=True)
    doc_number_org = models.CharField("机关代字", max_length=40, blank=True)
    doc_number_year = models.PositiveSmallIntegerField("发文年份", null=True, blank=True)
    doc_number_seq = models.PositiveIntegerField("发文序号", null=True, blank=True)
    issuer = models.CharField("发文机关", max_length=200, blank=True, help_text="默认同发布机构")
    date_written = models.DateField("成文日期")
    date_formed = models.DateField(
        "信息形成或变更日期",
        null=True,
        blank=True,
        help_text="主动公开20个工作日时限的起算日，默认同成文日期",
    )
    published_at = models.DateTimeField("发布日期", null=True, blank=True, db_index=True)
    scheduled_at = models.DateTimeField("定时发布时间", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=4, choices=TOPIC_CHOICES)
    genre = models.CharField("文种（体裁）", max_length=20, choices=GENRE_CHOICES, default="通知")
    disclosure = models.CharField(
        "公开属性", max_length=20, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    withholding_reason = models.CharField(
        "不予公开理由", max_length=30, choices=WithholdingReason.choices, blank=True
    )
    disclosure_method = models.CharField(
        "公开方式", max_length=20, choices=DisclosureMethod.choices, default=DisclosureMethod.WEBSITE
    )
    validity = models.CharField("有效性", max_length=20, choices=Validity.choices, default=Validity.VALID)
    date_validity_changed = models.DateField("失效/废止日期", null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    keywords = models.CharField("主题词", max_length=200, blank=True)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文")
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    review_note = models.TextField("审核意见", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    is_synthetic = models.BooleanField("合成演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间")
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "doc_number"],
                condition=~Q(doc_number=""),
                name="document_unique_doc_number_per_unit",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "disclosure", "-published_at"]),
            # Covering indexes for the public counts by unit and by topic (pagination totals).
            models.Index(fields=["unit", "status", "disclosure"], name="document_unit_public_idx"),
            models.Index(fields=["topic", "status", "disclosure"], name="document_topic_public_idx"),
            # Partial: with statistics, SQLite ignores a full index whose rows are nearly all NULL.
            models.Index(
                fields=["superseded_by"],
                condition=Q(superseded_by__isnull=False),
                name="document_superseded_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.disclosure == Disclosure.PROACTIVE

    @property
    def topic_label(self) -> str:
        return self.get_topic_display()  # type: ignore[attr-defined,no-any-return]


class IndexSequence(models.Model):
    """The last 索引号 serial used by a unit in a year."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="index_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last_serial}"


class DocumentVersion(models.Model):
    """A frozen copy of a document each time it is published or revised; the public change history."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField("版本")
    snapshot = models.JSONField("内容快照")
    change_note = models.CharField("变更说明", max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "版本"
        verbose_name_plural = "版本"
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="document_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.version}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # Stored under a content hash; the original name is kept in the row, never used as a path.
    return f"attachments/{instance.sha256[:2]}/{instance.sha256}.{instance.extension}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
