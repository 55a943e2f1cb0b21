"""sitemap.xml: the home page and every public document."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from gongkai.documents.models import Document
from gongkai.documents.selectors import document_list_public


class DocumentSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"
    limit = 10000

    def items(self) -> QuerySet[Document]:
        return document_list_public().select_related(None).only("pk", "updated_at", "published_at")

    def location(self, item: Document) -> str:
        return reverse("portal:document", args=[item.pk])

    def lastmod(self, item: Document) -> dt.datetime:
        return item.updated_at


class StaticSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["portal:home", "portal:units", "portal:topics"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"static": StaticSitemap, "documents": DocumentSitemap}
