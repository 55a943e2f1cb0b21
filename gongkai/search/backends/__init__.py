"""Search backends: ``tantivy`` (embedded, default) and ``postgres`` (shared)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from gongkai.core.errors import ApplicationError
from gongkai.search.types import SearchBackend


class SearchUnavailable(ApplicationError):
    status_code = 503


class SearchIndexBusy(ApplicationError):
    status_code = 409


def backend_name() -> str:
    return str(getattr(settings, "GONGKAI_SEARCH_BACKEND", "tantivy") or "tantivy")


def index_dir() -> Path:
    configured = getattr(settings, "GONGKAI_SEARCH_INDEX_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "search"


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or backend_name()
    if name == "tantivy":
        from gongkai.search.backends.tantivy_backend import TantivyBackend

        return TantivyBackend.for_path(index_dir())
    if name == "postgres":
        from gongkai.search.backends.postgres_backend import PostgresBackend

        return PostgresBackend()
    raise SearchUnavailable(f"未知的检索后端“{name}”，请将 GONGKAI_SEARCH_BACKEND 设为 tantivy 或 postgres。")
