"""Search registration of 知识库 (type "knowledge": public entries, their published version).

Title is the standard question, body the similar phrasings and the answer text, keywords the tags.
The index follows the entries through post_save/post_delete/m2m_changed receivers (each queues a
re-index after commit), as interpretations do; a linked document's change re-indexes its entries.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse

from gongkai.core.clock import CHINA_TZ
from gongkai.knowledge.models import KnowledgeEntry
from gongkai.knowledge.selectors import entries_public
from gongkai.search.receivers import after_commit_index
from gongkai.search.registry import SearchableType, make_key, register
from gongkai.search.types import IndexEntry

TYPE_NAME = "knowledge"


def public_entries() -> QuerySet[KnowledgeEntry]:
    return entries_public()


def knowledge_entry(entry: KnowledgeEntry) -> IndexEntry:
    version = entry.published_version
    assert version is not None  # public entries always have one
    published = entry.published_at
    return IndexEntry(
        key=make_key(TYPE_NAME, entry.pk),
        type=TYPE_NAME,
        object_id=entry.pk,
        title=version.question,
        body="\n".join([*version.phrasings, version.answer_text]),
        url=reverse("zsk:detail", args=[entry.pk]),
        published_at=published,
        unit_code=entry.unit.code,
        unit_name=entry.unit.name,
        year=published.astimezone(CHINA_TZ).year if published else None,
        genre="知识库",
        keywords=" ".join(version.tag_list),
    )


def entries_of_document(document_id: int) -> list[int]:
    return list(KnowledgeEntry.objects.filter(documents=document_id).values_list("pk", flat=True))


register(
    SearchableType(
        name=TYPE_NAME,
        label="知识库",
        public_queryset=public_entries,
        to_entry=knowledge_entry,
        get_public=lambda pk: public_entries().filter(pk=pk).first(),
        related_to_document=entries_of_document,
        order=25,
    )
)


def _entry_saved(sender: Any, instance: KnowledgeEntry, **kwargs: Any) -> None:
    after_commit_index(TYPE_NAME, [instance.pk])


def _entry_links_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, KnowledgeEntry):
        after_commit_index(TYPE_NAME, [instance.pk])


post_save.connect(_entry_saved, sender=KnowledgeEntry, dispatch_uid="search.knowledge_saved")
post_delete.connect(_entry_saved, sender=KnowledgeEntry, dispatch_uid="search.knowledge_deleted")
m2m_changed.connect(
    _entry_links_changed, sender=KnowledgeEntry.documents.through, dispatch_uid="search.knowledge_documents"
)
