"""Enumerations of the knowledge base (知识库)."""

from __future__ import annotations

from django.db import models


class EntryState(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待审核"
    PUBLISHED = "published", "已发布"
    EXPIRED = "expired", "已失效"


class Audience(models.TextChoices):
    PERSONAL = "personal", "个人服务"
    LEGAL = "legal", "法人服务"


class TopicKind(models.TextChoices):
    LIFE_EVENT = "event", "人生事件"  # for 法人: 企业生命周期
    THEME = "theme", "主题"


class StaleReason(models.TextChoices):
    REVIEW_DUE = "review_due", "已过复核日期"
    DOCUMENT_LAPSED = "document_lapsed", "关联文件已失效或撤回"
