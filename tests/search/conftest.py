"""Search fixtures: a fresh index directory per test, and the ``backend`` parametrized over both."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from gongkai.search.analysis import reset_dictionary
from gongkai.search.backends import get_backend
from gongkai.search.backends.tantivy_backend import TantivyBackend
from gongkai.search.synonyms import clear_synonym_cache
from gongkai.search.types import SearchQuery, SearchResults
from tests.documents.factories import make_published


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    path = tmp_path / "search"
    settings.GONGKAI_SEARCH_INDEX_DIR = path
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    clear_synonym_cache()
    reset_dictionary()
    yield path
    clear_synonym_cache()
    reset_dictionary()
    TantivyBackend._instances.pop(path.resolve(), None)


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(params=["tantivy", "postgres"])
def backend(request, settings, db):  # type: ignore[no-untyped-def]
    if request.param == "postgres" and not on_postgres():
        pytest.skip("共享检索后端只在 PostgreSQL 上测试")
    settings.GONGKAI_SEARCH_BACKEND = request.param
    return get_backend()


@pytest.fixture
def publish(staff, clock, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Publish a document through the services, running the after-commit signal (index update)."""

    def make(author: str = "handler", reviewer: str = "admin", **overrides: Any):  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return make_published(staff[author], staff[reviewer], **overrides)

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """``with committed(): …`` runs the block's after-commit callbacks (signals → index)."""

    def run():  # type: ignore[no-untyped-def]
        return django_capture_on_commit_callbacks(execute=True)

    return run


def find(text: str, **kwargs: Any) -> SearchResults:
    from gongkai.search.services import search

    return search(SearchQuery(text=text, **kwargs))


def keys(text: str, **kwargs: Any) -> list[str]:
    return [h.key for h in find(text, page_size=50, **kwargs).hits]
