"""Knowledge-base fixtures: an isolated search index per test, and entries and tickets built through
the services."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from gongkai.core.clock import FrozenClock
from gongkai.core.context import Actor
from gongkai.knowledge.models import KnowledgeEntry, LifeEvent
from gongkai.knowledge.services import EntryInput, entry_approve, entry_create, entry_submit


@pytest.fixture(autouse=True)
def _isolated_search_index(settings: Any, tmp_path: Any) -> Iterator[Any]:
    """Every test writes to its own embedded index (tasks run immediately under test)."""
    from gongkai.search.backends.tantivy_backend import TantivyBackend

    path = tmp_path / "search"
    settings.GONGKAI_SEARCH_INDEX_DIR = path
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    yield path
    TantivyBackend._instances.pop(path.resolve(), None)


def entry_input(**overrides: Any) -> EntryInput:
    values: dict[str, Any] = {
        "question": "灵活就业人员怎样参加职工社会保险？",
        "answer_html": "<p>携带身份证件到社保经办窗口办理参保登记。</p>",
        "phrasings": ["自由职业者怎么交社保"],
        "tags": ["社保"],
    }
    values.update(overrides)
    return EntryInput(**values)


@dataclass
class EntryFactory:
    clock: FrozenClock
    staff: dict[str, Any]
    units: dict[str, Any]

    def actor(self, key: str) -> Actor:
        return Actor(user=self.staff[key], ip="192.0.2.1")

    def draft(self, author: str = "handler", **overrides: Any) -> KnowledgeEntry:
        user = self.staff[author]
        return entry_create(actor=self.actor(author), unit=user.unit, data=entry_input(**overrides))

    def published(self, author: str = "handler", reviewer: str = "admin", **overrides: Any) -> KnowledgeEntry:
        entry = self.draft(author, **overrides)
        entry = entry_submit(actor=self.actor(author), entry=entry)
        return entry_approve(actor=self.actor(reviewer), entry=entry)


@pytest.fixture
def kb(clock, staff, units) -> EntryFactory:  # type: ignore[no-untyped-def]
    return EntryFactory(clock=clock, staff=staff, units=units)


@pytest.fixture
def event(db) -> LifeEvent:  # type: ignore[no-untyped-def]
    return LifeEvent.objects.get(code="shebao")
