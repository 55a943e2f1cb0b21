"""知识库: entries (one source for the portal, the hotline console and the service-hall kiosk), their
immutable versions, and the 服务导航 taxonomy of life events and themes.

An entry's own fields (unit, tags, life events, linked documents, dates, related service) are its
*public face*: they mirror the published version, or the working version while the entry has never
been published. Every save of the working copy is a new :class:`KnowledgeEntryVersion`; publishing
points ``published_version`` at the approved one and copies its classification onto the entry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.knowledge.choices import Audience, EntryState, StaleReason, TopicKind
from gongkai.knowledge.constants import (
    MAX_NOTE_CHARS,
    MAX_QUESTION_CHARS,
    MAX_REASON_CHARS,
    MAX_SERVICE_NAME_CHARS,
    MAX_TAGS_FIELD_CHARS,
    MAX_URL_CHARS,
)


class LifeEvent(models.Model):
    """One node of 服务导航: a life event (生育收养, 企业开办 …) or a theme (社会保障 …), for 个人 or 法人."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40)
    audience = models.CharField("服务对象", max_length=10, choices=Audience.choices)
    kind = models.CharField("类别", max_length=10, choices=TopicKind.choices, default=TopicKind.LIFE_EVENT)
    description = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "服务导航分类"
        verbose_name_plural = "服务导航分类"
        ordering = ["audience", "kind", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class KnowledgeEntry(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name="责任单位", on_delete=models.PROTECT, related_name="knowledge_entries"
    )
    state = models.CharField(
        "状态", max_length=16, choices=EntryState.choices, default=EntryState.DRAFT, db_index=True
    )
    current_version = models.ForeignKey(
        "KnowledgeEntryVersion",
        verbose_name="工作版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_version = models.ForeignKey(
        "KnowledgeEntryVersion",
        verbose_name="发布版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Public face (see the module docstring).
    question = models.CharField("标准问题", max_length=MAX_QUESTION_CHARS)
    tags = models.CharField(
        "标签", max_length=MAX_TAGS_FIELD_CHARS, blank=True, help_text="存储为“,标签,标签,”，便于精确筛选"
    )
    life_events = models.ManyToManyField(
        LifeEvent, verbose_name="人生事件与主题", related_name="entries", blank=True
    )
    documents = models.ManyToManyField(
        "documents.Document", verbose_name="关联政策文件", related_name="knowledge_entries", blank=True
    )
    service_name = models.CharField("相关办事事项", max_length=MAX_SERVICE_NAME_CHARS, blank=True)
    service_url = models.URLField("办事入口", max_length=MAX_URL_CHARS, blank=True)
    date_valid_from = models.DateField("生效日期", null=True, blank=True)
    date_review_by = models.DateField("复核日期", null=True, blank=True)

    stale_reason = models.CharField("待复核原因", max_length=20, choices=StaleReason.choices, blank=True)
    stale_note = models.CharField("待复核说明", max_length=MAX_REASON_CHARS, blank=True)
    date_flagged_stale = models.DateField("标记待复核日期", null=True, blank=True)

    source_ticket = models.ForeignKey(
        "interaction.Ticket",
        verbose_name="来源诉求",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_entries",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.CharField("退回/失效理由", max_length=MAX_REASON_CHARS, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间")
    updated_at = models.DateTimeField("更新时间")
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "知识条目"
        verbose_name_plural = "知识条目"
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["state", "unit"], name="knowledge_state_unit")]

    def __str__(self) -> str:
        return self.question

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split(",") if t]

    @property
    def is_public(self) -> bool:
        return self.published_version_id is not None and self.state != EntryState.EXPIRED

    @property
    def has_pending_revision(self) -> bool:
        return self.is_public and self.current_version_id != self.published_version_id


class KnowledgeEntryVersion(models.Model):
    """An immutable snapshot of an entry's content and classification; never updated after creation."""

    entry = models.ForeignKey(
        KnowledgeEntry, verbose_name="知识条目", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    question = models.CharField("标准问题", max_length=MAX_QUESTION_CHARS)
    phrasings = models.JSONField("相似问法", default=list)
    answer_html = models.TextField("答案（已净化的 HTML）")
    answer_text = models.TextField("答案纯文本")
    tags = models.CharField("标签", max_length=MAX_TAGS_FIELD_CHARS, blank=True)
    life_event_codes = models.JSONField("人生事件与主题", default=list)
    document_ids = models.JSONField("关联政策文件", default=list)
    service_name = models.CharField("相关办事事项", max_length=MAX_SERVICE_NAME_CHARS, blank=True)
    service_url = models.URLField("办事入口", max_length=MAX_URL_CHARS, blank=True)
    date_valid_from = models.DateField("生效日期", null=True, blank=True)
    date_review_by = models.DateField("复核日期", null=True, blank=True)
    note = models.CharField("修改说明", max_length=MAX_NOTE_CHARS, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撰写人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by_label = models.CharField("撰写人名称", max_length=150)
    created_at = models.DateTimeField("创建时间")

    class Meta:
        verbose_name = "知识条目版本"
        verbose_name_plural = "知识条目版本"
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="knowledge_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"v{self.number} {self.question}"

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split(",") if t]


class AssistantQuery(models.Model):
    """One question put to the Q&A assistant (智能问答), kept for statistics without personal data.

    ``question`` is masked by the privacy engine before it is stored (names become pseudonyms, phone
    and ID numbers placeholders); nothing identifies the asker (no session, no address). Invalid input
    (empty, too long, no words) is not logged.
    """

    question = models.CharField("问题（已脱敏）", max_length=600)
    channel = models.CharField("渠道", max_length=10, default="web")
    top_passage = models.CharField("最佳匹配", max_length=40, blank=True, help_text="如 knowledge:12、qa:5")
    confidence = models.FloatField("置信度", default=0.0)
    confident = models.BooleanField("有把握回答", default=False)
    generated = models.BooleanField("由大模型生成", default=False)
    handed_over = models.BooleanField("转人工", default=False)
    created_at = models.DateTimeField("提问时间", db_index=True)

    class Meta:
        verbose_name = "智能问答记录"
        verbose_name_plural = "智能问答记录"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.question
