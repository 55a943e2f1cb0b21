"""Background work of the search index: the worker is the index's one writer."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from gongkai.search.backends import SearchIndexBusy


@db_task(retries=5, retry_delay=10)
def index_objects(type_name: str, ids: list[int]) -> None:
    """Bring the index entries of ``type_name`` objects ``ids`` in line with the database."""
    from gongkai.search.services import search_sync

    try:
        search_sync(type_name, ids)
    except SearchIndexBusy:
        raise  # retried: a rebuild holds the writer


def enqueue(type_name: str, ids: list[int]) -> None:
    if ids:
        index_objects(type_name, [int(i) for i in ids])
