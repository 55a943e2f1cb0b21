"""主动公开目录 (a category tree per unit) and 基层政务公开事项目录 (the grassroots standard catalogue)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.catalog.choices import Audience, EntryMethod, Level


class CatalogNode(models.Model):
    """One column (栏目) of a unit's proactive-disclosure catalogue; nodes nest through ``parent``."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.CASCADE, related_name="catalog_nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a node with children is deleted only after its children
        related_name="children",
    )
    name = models.CharField("栏目名称", max_length=60)
    # Standard nodes carry their code (jgxx, zcwj …) so seeding can find them again; custom ones may not.
    code = models.CharField("栏目代码", max_length=30, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_standard = models.BooleanField("标准栏目", default=False)
    created_at = models.DateTimeField("创建时间")

    class Meta:
        verbose_name = "目录栏目"
        verbose_name_plural = "目录栏目"
        ordering = ["unit", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "parent", "name"], name="catalog_node_unique_name"),
            # Top-level nodes have parent NULL, which a plain unique constraint treats as distinct.
            models.UniqueConstraint(
                fields=["unit", "name"],
                condition=Q(parent__isnull=True),
                name="catalog_node_unique_root_name",
            ),
            models.UniqueConstraint(
                fields=["unit", "code"], condition=~Q(code=""), name="catalog_node_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CatalogFiling(models.Model):
    """A document filed under a catalog node of its own unit."""

    node = models.ForeignKey(CatalogNode, on_delete=models.PROTECT, related_name="filings")
    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="catalog_filings"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField("归档时间")

    class Meta:
        verbose_name = "目录归档"
        verbose_name_plural = "目录归档"
        constraints = [models.UniqueConstraint(fields=["node", "document"], name="catalog_filing_unique")]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.node_id}"


class GrassrootsDomain(models.Model):
    """One of the 26 基层政务公开 domains (国办发〔2019〕54号); seeded by a data migration."""

    number = models.PositiveSmallIntegerField("序号", unique=True)
    name = models.CharField("领域", max_length=40, unique=True)

    class Meta:
        verbose_name = "基层政务公开领域"
        verbose_name_plural = "基层政务公开领域"
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class CatalogEntry(models.Model):
    """One row of a 政务公开事项标准目录 with the standard columns (reference §6.3)."""

    domain = models.ForeignKey(
        GrassrootsDomain, verbose_name="领域", on_delete=models.PROTECT, related_name="entries"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="公开主体", on_delete=models.CASCADE, related_name="catalog_entries"
    )
    item = models.CharField("公开事项（一级）", max_length=100)
    sub_item = models.CharField("公开事项（二级）", max_length=100, blank=True)
    content = models.TextField("公开内容（要素）")
    basis = models.TextField("公开依据", blank=True)
    time_limit_text = models.CharField(
        "公开时限", max_length=200, default="信息形成（变更）之日起20个工作日内"
    )
    # The machine-readable part of 公开时限; empty when the text names no fixed number of working days.
    time_limit_days = models.PositiveSmallIntegerField("公开时限（工作日）", null=True, blank=True)
    channels = models.JSONField("公开渠道和载体", default=list, blank=True)
    audience = models.CharField("公开对象", max_length=20, choices=Audience.choices, default=Audience.PUBLIC)
    method = models.CharField(
        "公开方式", max_length=20, choices=EntryMethod.choices, default=EntryMethod.PROACTIVE
    )
    level = models.CharField("公开层级", max_length=20, choices=Level.choices, default=Level.COUNTY)
    documents = models.ManyToManyField(
        "documents.Document", verbose_name="对应政府信息", blank=True, related_name="catalog_entries"
    )
    sort_order = models.PositiveIntegerField("排序", default=100)
    created_at = models.DateTimeField("创建时间")

    class Meta:
        verbose_name = "公开事项"
        verbose_name_plural = "公开事项"
        ordering = ["domain__number", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "domain", "item", "sub_item"], name="catalog_entry_unique_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item}／{self.sub_item}" if self.sub_item else self.item
