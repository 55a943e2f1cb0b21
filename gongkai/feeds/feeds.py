"""RSS 2.0 and Atom 1.0 feeds of public records: latest documents, per unit, per catalog column,
interpretations.

Only what the public selectors return goes in; Django's feed generator escapes every text node.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Model
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.text import Truncator

from gongkai.catalog.models import CatalogNode
from gongkai.catalog.selectors import catalog_node_documents_public, catalog_node_get
from gongkai.core.errors import NotFound
from gongkai.documents.models import Document
from gongkai.documents.selectors import PublicFilters, document_list_public
from gongkai.interpretations.models import Interpretation
from gongkai.interpretations.selectors import interpretation_list_public
from gongkai.units.models import Unit
from gongkai.units.selectors import unit_get_by_code

ITEMS = 30
DESCRIPTION_CHARS = 200


def _site_name() -> str:
    return str(getattr(settings, "GONGKAI_SITE_NAME", "政务公开平台"))


def _describe(summary: str, body: str) -> str:
    return Truncator((summary or body).replace("\n", " ")).chars(DESCRIPTION_CHARS)


class _DocumentFeed(Feed):  # type: ignore[type-arg]
    """Shared item rendering of documents."""

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str:
        return _describe(item.summary, item.body)

    def item_link(self, item: Document) -> str:
        return reverse("portal:document", args=[item.pk])

    def item_guid(self, item: Document) -> str:
        return reverse("portal:document", args=[item.pk])

    def item_pubdate(self, item: Document) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Document) -> dt.datetime | None:
        return item.published_at

    def item_author_name(self, item: Document) -> str:
        return item.unit.name


class LatestDocumentsRss(_DocumentFeed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def title(self) -> str:
        return f"{_site_name()} · 最新政府信息"

    def link(self) -> str:
        return reverse("portal:home")

    def description(self) -> str:
        return "最新发布的主动公开政府信息。"

    def items(self) -> list[Document]:
        return list(document_list_public()[:ITEMS])


class LatestDocumentsAtom(LatestDocumentsRss):
    feed_type = Atom1Feed
    subtitle = "最新发布的主动公开政府信息。"


class UnitDocumentsRss(_DocumentFeed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, code: str) -> Unit:  # type: ignore[override]
        unit = unit_get_by_code(code)
        if unit is None:
            raise Http404("没有这个单位。")
        return unit

    def title(self, obj: Unit) -> str:
        return f"{obj.name} · 政府信息"

    def link(self, obj: Unit) -> str:
        return reverse("portal:unit", args=[obj.code])

    def description(self, obj: Unit) -> str:
        return f"{obj.name}最新发布的主动公开政府信息。"

    def items(self, obj: Unit) -> list[Document]:
        return list(document_list_public(PublicFilters(unit=obj))[:ITEMS])


class UnitDocumentsAtom(UnitDocumentsRss):
    feed_type = Atom1Feed

    def subtitle(self, obj: Unit) -> str:
        return self.description(obj)


class CatalogNodeRss(_DocumentFeed):
    """A column of a unit's 主动公开目录."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, code: str, node_id: int) -> CatalogNode:  # type: ignore[override]
        unit = unit_get_by_code(code)
        if unit is None:
            raise Http404("没有这个单位。")
        try:
            return catalog_node_get(node_id, unit=unit)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    def title(self, obj: CatalogNode) -> str:
        return f"{obj.unit.name} · {obj.name}"

    def link(self, obj: CatalogNode) -> str:
        return reverse("catalog:node", args=[obj.unit.code, obj.pk])

    def description(self, obj: CatalogNode) -> str:
        return f"{obj.unit.name}主动公开目录“{obj.name}”栏目的最新信息。"

    def items(self, obj: CatalogNode) -> list[Document]:
        return list(catalog_node_documents_public(obj).select_related("unit")[:ITEMS])


class CatalogNodeAtom(CatalogNodeRss):
    feed_type = Atom1Feed

    def subtitle(self, obj: CatalogNode) -> str:
        return self.description(obj)


class InterpretationsRss(Feed):  # type: ignore[type-arg]
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def title(self) -> str:
        return f"{_site_name()} · 政策解读"

    def link(self) -> str:
        return reverse("interpretations:index")

    def description(self) -> str:
        return "最新发布的政策解读。"

    def items(self) -> list[Interpretation]:
        return list(interpretation_list_public()[:ITEMS])

    def item_title(self, item: Interpretation) -> str:
        return item.title

    def item_description(self, item: Interpretation) -> str:
        return _describe("", item.body) or item.get_kind_display()  # type: ignore[attr-defined,no-any-return]

    def item_link(self, item: Model) -> str:
        return reverse("interpretations:detail", args=[item.pk])

    def item_guid(self, item: Model) -> str:
        return reverse("interpretations:detail", args=[item.pk])

    def item_pubdate(self, item: Interpretation) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Interpretation) -> dt.datetime | None:
        return item.published_at

    def item_author_name(self, item: Interpretation) -> str:
        return item.unit.name


class InterpretationsAtom(InterpretationsRss):
    feed_type = Atom1Feed
    subtitle = "最新发布的政策解读。"
