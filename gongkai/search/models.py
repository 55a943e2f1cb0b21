"""The shared (PostgreSQL) index table and the synonym list kept by the openness office."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class TsVectorField(models.TextField):  # type: ignore[type-arg]
    """A ``tsvector`` column on PostgreSQL (plain text elsewhere, where the table stays unused)."""

    description = "PostgreSQL tsvector"

    def db_type(self, connection: Any) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchEntry(models.Model):
    """One :class:`gongkai.search.types.IndexEntry` in the shared index (PostgreSQL backend)."""

    key = models.CharField(max_length=80, unique=True)
    type = models.CharField(max_length=40, db_index=True)
    object_id = models.BigIntegerField()
    title = models.TextField()
    body = models.TextField()
    url = models.CharField(max_length=500)
    published_at = models.DateTimeField(null=True)
    unit_code = models.CharField(max_length=18, blank=True)
    unit_name = models.CharField(max_length=100, blank=True)
    doc_number = models.CharField(max_length=60, blank=True, db_index=True)
    year = models.IntegerField(null=True)
    topic = models.CharField(max_length=4, blank=True)
    topic1 = models.CharField(max_length=2, blank=True)
    genre = models.CharField(max_length=20, blank=True)
    validity = models.CharField(max_length=20, blank=True)
    keywords = models.TextField(blank=True)
    boost = models.FloatField(default=1.0)
    rank_factor = models.FloatField(default=1.0)  # boost × recency prior (see backends.common)
    # Pre-segmented bigrams with positions and weights: A title/发文字号, B 主题词, C body, D unit.
    tsv = TsVectorField(default="")

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"

    def __str__(self) -> str:
        return self.key


class Synonym(models.Model):
    """同义词/简称: a query for ``term`` also looks for each of ``expansions`` (and the reverse)."""

    term = models.CharField("词语", max_length=30, unique=True)
    expansions = models.JSONField("同义词或全称", default=list)
    is_active = models.BooleanField("启用", default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", null=True, blank=True)

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {'、'.join(self.expansions)}"


class SearchLog(models.Model):
    """One search made on the portal or through the API. No personal data: no address, no user."""

    class Source(models.TextChoices):
        PORTAL = "portal", "门户网站"
        API = "api", "开放接口"

    query = models.CharField("检索词", max_length=100, db_index=True)  # normalised
    result_count = models.IntegerField("结果数")
    type_filter = models.CharField("内容类型", max_length=40, blank=True)
    page = models.PositiveIntegerField("页码", default=1)
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.PORTAL)
    created_at = models.DateTimeField("时间", db_index=True)

    class Meta:
        verbose_name = "检索记录"
        verbose_name_plural = "检索记录"
        indexes = [models.Index(fields=["created_at", "query"], name="search_log_time_query")]

    def __str__(self) -> str:
        return f"{self.query}（{self.result_count}）"


class SearchClick(models.Model):
    """A click on a result of a search (through ``/search/click``). No personal data."""

    search = models.ForeignKey(
        SearchLog, null=True, blank=True, on_delete=models.SET_NULL, related_name="clicks"
    )
    query = models.CharField("检索词", max_length=100, db_index=True)
    key = models.CharField("结果", max_length=80)
    position = models.PositiveIntegerField("位次", default=0)
    created_at = models.DateTimeField("时间", db_index=True)

    class Meta:
        verbose_name = "检索点击"
        verbose_name_plural = "检索点击"

    def __str__(self) -> str:
        return f"{self.query} → {self.key}"
