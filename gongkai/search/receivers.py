"""Keep the index following the database: ``documents.signals.document_changed`` (fired after
commit) queues a re-index of the document and of every entry that depends on it."""

from __future__ import annotations

import logging
from typing import Any

from gongkai.search import registry

logger = logging.getLogger(__name__)


def on_document_changed(sender: Any, document_id: int, **kwargs: Any) -> None:
    # The business flow never hangs on the index: a failure is logged and search_check repairs it.
    from gongkai.search.tasks import enqueue

    try:
        for searchable in registry.all_types():
            if searchable.name == "document":
                enqueue("document", [document_id])
            elif searchable.related_to_document is not None:
                enqueue(searchable.name, list(searchable.related_to_document(document_id)))
    except Exception:
        logger.exception("检索索引更新排队失败：document %s", document_id)


def connect() -> None:
    from gongkai.documents.signals import document_changed

    document_changed.connect(on_document_changed, dispatch_uid="search.on_document_changed")


def after_commit_index(type_name: str, ids: list[int]) -> None:
    """Queue a re-index once the current transaction commits (for the post_save stopgaps)."""
    from django.db import transaction

    from gongkai.search.tasks import enqueue

    ids = [int(i) for i in ids]

    def run() -> None:
        try:
            enqueue(type_name, ids)
        except Exception:
            logger.exception("检索索引更新排队失败：%s %s", type_name, ids)

    transaction.on_commit(run)
