"""The knowledge demo data: about fifteen published entries of Suzhou units, marked, loaded once."""

from __future__ import annotations

import pytest

from gongkai.core.context import Actor
from gongkai.demo.catalog import ensure_unit_tree
from gongkai.knowledge.demo import DEMO_ENTRIES, load_knowledge_demo
from gongkai.knowledge.models import KnowledgeEntry
from gongkai.knowledge.selectors import entries_public, navigation

pytestmark = pytest.mark.django_db


def test_demo_entries_are_published_marked_and_idempotent(clock) -> None:
    actor = Actor.system()
    ensure_unit_tree(actor=actor)
    assert load_knowledge_demo(actor=actor) == len(DEMO_ENTRIES) >= 15
    assert load_knowledge_demo(actor=actor) == 0
    assert entries_public().count() == len(DEMO_ENTRIES)
    assert not KnowledgeEntry.objects.filter(is_demo=False).exists()
    assert all(e.life_events.exists() for e in entries_public())
    counts = {n.event.code: n.count for s in navigation() for n in s.nodes}
    assert counts["shebao"] >= 3 and counts["qiye-kaiban"] >= 2 and counts["gongjijin"] == 2
