"""sitemap.xml: an index of sections — fixed pages, units and their catalog columns, documents,
interpretations and gazette issues."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from gongkai.catalog.models import CatalogNode
from gongkai.documents.models import Document
from gongkai.documents.selectors import document_list_public
from gongkai.gazette.models import GazetteIssue
from gongkai.gazette.selectors import gazette_issue_list
from gongkai.interpretations.models import Interpretation
from gongkai.interpretations.selectors import interpretation_list_public
from gongkai.units.selectors import unit_list_active


class DocumentSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"
    limit = 10000

    def items(self) -> QuerySet[Document]:
        return document_list_public().select_related(None).only("pk", "updated_at", "published_at")

    def location(self, item: Document) -> str:
        return reverse("portal:document", args=[item.pk])

    def lastmod(self, item: Document) -> dt.datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        # Django's default walks every item in Python; one aggregate does the same.
        return document_list_public().order_by().aggregate(latest=Max("updated_at"))["latest"]


class StaticSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["portal:home", "portal:units", "portal:topics", "interpretations:index", "gazette:index"]

    def location(self, item: str) -> str:
        return reverse(item)


class UnitCatalogSitemap(Sitemap):  # type: ignore[type-arg]
    """Each unit's page and its 主动公开目录 columns."""

    changefreq = "weekly"

    def items(self) -> list[tuple[str, list[str]]]:
        urls: list[tuple[str, list[str]]] = []
        for unit in unit_list_active():
            urls.append(("portal:unit", [unit.code]))
            urls.append(("catalog:unit", [unit.code]))
        for node in (
            CatalogNode.objects.select_related("unit").filter(unit__is_active=True).order_by("unit_id", "id")
        ):
            urls.append(("catalog:node", [node.unit.code, str(node.pk)]))
        return urls

    def location(self, item: tuple[str, list[str]]) -> str:
        return reverse(item[0], args=item[1])


class InterpretationSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"

    def items(self) -> QuerySet[Interpretation]:
        return interpretation_list_public()

    def location(self, item: Interpretation) -> str:
        return reverse("interpretations:detail", args=[item.pk])


class GazetteSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"

    def items(self) -> QuerySet[GazetteIssue]:
        return gazette_issue_list()

    def location(self, item: GazetteIssue) -> str:
        return reverse("gazette:issue", args=[item.year, item.number])


SITEMAPS = {
    "static": StaticSitemap,
    "units": UnitCatalogSitemap,
    "documents": DocumentSitemap,
    "interpretations": InterpretationSitemap,
    "gazette": GazetteSitemap,
}
