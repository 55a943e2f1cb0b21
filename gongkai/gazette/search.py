"""Search registration of 政府公报 issues: the issue title plus the titles (and 发文字号) of its
table of contents, public documents only.

The index follows the models through post_save/post_delete receivers (a cache-like side effect that
catches every write path); a document withdrawn after the issue came out re-indexes its issues
through ``related_to_document``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from gongkai.core.clock import CHINA_TZ
from gongkai.gazette.models import GazetteIssue, GazetteItem
from gongkai.gazette.selectors import gazette_toc_public
from gongkai.search.receivers import after_commit_index
from gongkai.search.registry import SearchableType, make_key, register
from gongkai.search.types import IndexEntry


def gazette_issues() -> QuerySet[GazetteIssue]:
    return GazetteIssue.objects.all()


def gazette_entry(issue: GazetteIssue) -> IndexEntry:
    lines = []
    for item in gazette_toc_public(issue):
        doc = item.document
        lines.append(f"{item.section} {doc.title} {doc.doc_number}".strip())
    published = dt.datetime.combine(issue.issued_on, dt.time(9, 0), tzinfo=CHINA_TZ)
    return IndexEntry(
        key=make_key("gazette", issue.pk),
        type="gazette",
        object_id=issue.pk,
        title=issue.title,
        body="\n".join(lines),
        url=reverse("gazette:issue", args=[issue.year, issue.number]),
        published_at=published,
        year=issue.issued_on.year,
        genre="政府公报",
    )


def issues_of_document(document_id: int) -> list[int]:
    return list(GazetteItem.objects.filter(document_id=document_id).values_list("issue_id", flat=True))


register(
    SearchableType(
        name="gazette",
        label="政府公报",
        public_queryset=gazette_issues,
        to_entry=gazette_entry,
        get_public=lambda pk: gazette_issues().filter(pk=pk).first(),
        related_to_document=issues_of_document,
        order=50,
    )
)


# --- index maintenance: model signals, a cache-like side effect (every write path, admin included) ---


def _issue_saved(sender: Any, instance: GazetteIssue, **kwargs: Any) -> None:
    after_commit_index("gazette", [instance.pk])


def _item_saved(sender: Any, instance: GazetteItem, **kwargs: Any) -> None:
    after_commit_index("gazette", [instance.issue_id])


post_save.connect(_issue_saved, sender=GazetteIssue, dispatch_uid="search.gazette_issue_saved")
post_delete.connect(_issue_saved, sender=GazetteIssue, dispatch_uid="search.gazette_issue_deleted")
post_save.connect(_item_saved, sender=GazetteItem, dispatch_uid="search.gazette_item_saved")
post_delete.connect(_item_saved, sender=GazetteItem, dispatch_uid="search.gazette_item_deleted")
