"""Search registration of 政策解读 (published interpretations) and 政策简明问答 (type "qa": Q&A pairs
of public policies).

The index follows the models through post_save/post_delete/m2m_changed receivers (each queues a
re-index after commit): keeping an index current is a cache-like side effect, and model signals catch
every write path, the admin included.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse

from gongkai.core.clock import CHINA_TZ
from gongkai.documents.choices import Disclosure, Status
from gongkai.interpretations.models import Interpretation, InterpretationStatus, PolicyQA
from gongkai.search.backends.common import VALIDITY_BOOST
from gongkai.search.receivers import after_commit_index
from gongkai.search.registry import SearchableType, make_key, register
from gongkai.search.types import IndexEntry


def public_interpretations() -> QuerySet[Interpretation]:
    return Interpretation.objects.filter(status=InterpretationStatus.PUBLISHED).select_related("unit")


def interpretation_entry(item: Interpretation) -> IndexEntry:
    published = item.published_at
    return IndexEntry(
        key=make_key("interpretation", item.pk),
        type="interpretation",
        object_id=item.pk,
        title=item.title,
        body=item.body,
        url=reverse("interpretations:detail", args=[item.pk]),
        published_at=published,
        unit_code=item.unit.code,
        unit_name=item.unit.name,
        year=published.astimezone(CHINA_TZ).year if published else None,
        genre="政策解读",
    )


def public_qa() -> QuerySet[PolicyQA]:
    return PolicyQA.objects.filter(
        document__status=Status.PUBLISHED, document__disclosure=Disclosure.PROACTIVE
    ).select_related("document", "document__unit")


def qa_entry(qa: PolicyQA) -> IndexEntry:
    doc = qa.document
    published = doc.published_at
    return IndexEntry(
        key=make_key("qa", qa.pk),
        type="qa",
        object_id=qa.pk,
        title=qa.question,
        body=qa.answer,
        url=reverse("portal:document", args=[doc.pk]) + "#qa-h",
        published_at=published,
        unit_code=doc.unit.code,
        unit_name=doc.unit.name,
        year=published.astimezone(CHINA_TZ).year if published else None,
        topic=doc.topic,
        boost=VALIDITY_BOOST.get(doc.validity, 1.0),  # Q&A of a lapsed policy ranks lower too
    )


def qa_of_document(document_id: int) -> list[int]:
    return list(PolicyQA.objects.filter(document_id=document_id).values_list("pk", flat=True))


register(
    SearchableType(
        name="interpretation",
        label="政策解读",
        public_queryset=public_interpretations,
        to_entry=interpretation_entry,
        get_public=lambda pk: public_interpretations().filter(pk=pk).first(),
        order=20,
    )
)
register(
    SearchableType(
        name="qa",
        label="政策问答",
        public_queryset=public_qa,
        to_entry=qa_entry,
        get_public=lambda pk: public_qa().filter(pk=pk).first(),
        related_to_document=qa_of_document,
        order=30,
    )
)


# --- index maintenance: model signals, a cache-like side effect (every write path, admin included) ---


def _interpretation_saved(sender: Any, instance: Interpretation, **kwargs: Any) -> None:
    after_commit_index("interpretation", [instance.pk])


def _qa_saved(sender: Any, instance: PolicyQA, **kwargs: Any) -> None:
    after_commit_index("qa", [instance.pk])


def _interpretation_documents_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Interpretation):
        after_commit_index("interpretation", [instance.pk])


post_save.connect(_interpretation_saved, sender=Interpretation, dispatch_uid="search.interpretation_saved")
post_delete.connect(
    _interpretation_saved, sender=Interpretation, dispatch_uid="search.interpretation_deleted"
)
post_save.connect(_qa_saved, sender=PolicyQA, dispatch_uid="search.qa_saved")
post_delete.connect(_qa_saved, sender=PolicyQA, dispatch_uid="search.qa_deleted")
m2m_changed.connect(
    _interpretation_documents_changed,
    sender=Interpretation.documents.through,
    dispatch_uid="search.interpretation_documents",
)
