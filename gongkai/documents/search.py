"""Search registration of 政府信息: public = published and 主动公开 (never drafts, 依申请公开/不予公开,
withdrawn). The index follows ``document_changed`` (connected by the search app)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from gongkai.core.clock import CHINA_TZ
from gongkai.documents.choices import Disclosure, Status
from gongkai.documents.models import Document
from gongkai.search.backends.common import VALIDITY_BOOST
from gongkai.search.registry import SearchableType, make_key, register
from gongkai.search.types import IndexEntry


def public_documents() -> QuerySet[Document]:
    return Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.PROACTIVE).select_related(
        "unit"
    )


def document_entry(doc: Document) -> IndexEntry:
    published = doc.published_at
    body = "\n".join(p for p in (doc.summary, doc.body) if p)
    return IndexEntry(
        key=make_key("document", doc.pk),
        type="document",
        object_id=doc.pk,
        title=doc.title,
        body=body,
        url=reverse("portal:document", args=[doc.pk]),
        published_at=published,
        unit_code=doc.unit.code,
        unit_name=doc.unit.name,
        doc_number=doc.doc_number,
        year=published.astimezone(CHINA_TZ).year if published else None,
        topic=doc.topic,
        genre=doc.genre,
        validity=doc.validity,
        keywords=doc.keywords,
        boost=VALIDITY_BOOST.get(doc.validity, 1.0),
    )


def get_public_document(pk: int) -> Document | None:
    return public_documents().filter(pk=pk).first()


register(
    SearchableType(
        name="document",
        label="政府信息",
        public_queryset=public_documents,
        to_entry=document_entry,
        get_public=get_public_document,
        order=10,
    )
)
