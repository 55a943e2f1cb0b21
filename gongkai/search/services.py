"""The search subsystem's entry points: ``search`` (read), ``search_sync`` / ``search_rebuild`` /
``search_check`` (index maintenance, called by the task worker and management commands)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from gongkai.search import registry
from gongkai.search.analysis import MAX_QUERY_CHARS, ParsedQuery, normalise, parse_query
from gongkai.search.backends import get_backend
from gongkai.search.synonyms import synonym_map
from gongkai.search.types import IndexEntry, SearchBackend, SearchQuery, SearchResults

MAX_PAGE = 100
MAX_PAGE_SIZE = 50
SYNC_BATCH = 500


def parse_for_search(text: str) -> ParsedQuery:
    return parse_query(text, synonym_map())


def _clean_query(query: SearchQuery) -> tuple[SearchQuery, str]:
    notice = ""
    text = normalise(query.text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notice = f"检索词过长，已截取前{MAX_QUERY_CHARS}个字进行检索。"
    page = min(max(int(query.page or 1), 1), MAX_PAGE)
    page_size = min(max(int(query.page_size or 10), 1), MAX_PAGE_SIZE)
    sort = query.sort if query.sort in {"relevance", "date"} else "relevance"
    year = query.year if query.year and 1900 <= int(query.year) <= 2100 else None
    types = tuple(t for t in query.types if t)
    topic = query.topic if query.topic.isdigit() and len(query.topic) in (2, 4) else ""
    cleaned = replace(query, text=text, page=page, page_size=page_size, sort=sort, year=year, types=types)
    cleaned = replace(cleaned, topic=topic, unit_code=query.unit_code.strip()[:18])
    return cleaned, notice


def search(query: SearchQuery, *, backend: SearchBackend | None = None) -> SearchResults:
    """Validate ``query``, run it on the configured backend, time it. Never raises on odd input."""
    started = time.perf_counter()
    cleaned, notice = _clean_query(query)
    parsed = parse_for_search(cleaned.text)
    if parsed.is_empty:
        msg = "请输入要查找的内容。" if not cleaned.text else "检索词中没有可检索的文字，请换个说法试试。"
        return SearchResults(
            total=0, hits=[], notice=notice or msg, took_ms=(time.perf_counter() - started) * 1000
        )
    backend = backend or get_backend()
    results: SearchResults = backend.search(cleaned, parsed)  # type: ignore[call-arg]
    results.notice = notice or results.notice
    results.took_ms = (time.perf_counter() - started) * 1000
    return results


# --- keeping the index in step with the database ---------------------------------------------


def _entries(searchable: registry.SearchableType, objects: Iterable[Any]) -> list[IndexEntry]:
    return [searchable.to_entry(obj) for obj in objects]


def search_sync(type_name: str, ids: Iterable[int], *, backend: SearchBackend | None = None) -> None:
    """Re-read each object through the registry: upsert it if public, else delete it from the index."""
    searchable = registry.get_type(type_name)
    ids = sorted({int(i) for i in ids})
    if not ids:
        return
    backend = backend or get_backend()
    try:
        for i in range(0, len(ids), SYNC_BATCH):
            chunk = ids[i : i + SYNC_BATCH]
            public = list(searchable.public_queryset().filter(pk__in=chunk))
            backend.upsert(_entries(searchable, public))
            found = {obj.pk for obj in public}
            backend.delete([registry.make_key(type_name, pk) for pk in chunk if pk not in found])
    finally:
        backend.commit()


def search_rebuild(
    *,
    type_name: str | None = None,
    batch: int = SYNC_BATCH,
    backend: SearchBackend | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> int:
    """Re-index every public record (of one type); returns the number indexed. Readers keep seeing
    the old index until the final commit."""
    backend = backend or get_backend()
    types = [registry.get_type(type_name)] if type_name else registry.all_types()
    done = 0
    try:
        if type_name:
            backend.delete_type(type_name)  # type: ignore[attr-defined]
        else:
            backend.clear()
        for searchable in types:
            qs = searchable.public_queryset().order_by("pk")
            total = qs.count()
            buffer: list[IndexEntry] = []
            for obj in qs.iterator(chunk_size=batch):
                buffer.append(searchable.to_entry(obj))
                if len(buffer) >= batch:
                    backend.upsert(buffer)
                    done += len(buffer)
                    if progress:
                        progress(len(buffer), total, searchable.name)
                    buffer = []
            if buffer:
                backend.upsert(buffer)
                done += len(buffer)
                if progress:
                    progress(len(buffer), total, searchable.name)
    except BaseException:
        rollback = getattr(backend, "rollback", None)
        if rollback:
            rollback()
        raise
    backend.commit()
    return done


@dataclass
class CheckReport:
    indexed: int = 0
    public: int = 0
    missing: list[str] = field(default_factory=list)  # public records not in the index
    stale: list[str] = field(default_factory=list)  # index keys with no public record
    repaired: bool = False

    @property
    def ok(self) -> bool:
        return not self.missing and not self.stale

    def summary(self) -> str:
        text = (
            f"公开记录 {self.public} 条，索引条目 {self.indexed} 条；"
            f"索引缺少 {len(self.missing)} 条，多余 {len(self.stale)} 条。"
        )
        if self.repaired and not self.ok:
            text += "已修复。"
        return text


def public_keys() -> set[str]:
    keys: set[str] = set()
    for searchable in registry.all_types():
        pks = searchable.public_queryset().order_by().values_list("pk", flat=True)
        keys.update(registry.make_key(searchable.name, pk) for pk in pks)
    return keys


def search_check(*, repair: bool = False, backend: SearchBackend | None = None) -> CheckReport:
    """Compare the index's keys with the public records; with ``repair``, index the missing ones and
    delete the stale ones."""
    backend = backend or get_backend()
    db_keys = public_keys()
    index_keys = backend.keys()
    report = CheckReport(
        indexed=len(index_keys),
        public=len(db_keys),
        missing=sorted(db_keys - index_keys),
        stale=sorted(index_keys - db_keys),
    )
    if repair and not report.ok:
        by_type: dict[str, list[int]] = {}
        for key in [*report.missing, *report.stale]:
            type_name, pk = registry.split_key(key)
            by_type.setdefault(type_name, []).append(pk)
        for type_name, pks in by_type.items():
            try:
                registry.get_type(type_name)
            except Exception:  # a type no longer registered: drop its keys
                backend.delete([registry.make_key(type_name, pk) for pk in pks])
                backend.commit()
                continue
            search_sync(type_name, pks, backend=backend)
        report.repaired = True
    return report
