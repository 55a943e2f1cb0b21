"""``load_publishing_demo``: interpretation, Q&A and 2018 gazette issues around the seed notice."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.core.clock import FrozenClock
from gongkai.core.context import Actor
from gongkai.demo.loader import SEED_PUBLISHED_AT, seed_input
from gongkai.demo.seed import load_seed
from gongkai.documents.services.editing import document_import_published
from gongkai.gazette.models import GazetteIssue, GazetteItem
from gongkai.interpretations.demo import load_publishing_demo
from gongkai.interpretations.models import Interpretation, PolicyQA
from gongkai.interpretations.selectors import interpretation_list_public, qa_pairs_public
from tests.documents.factories import make_published

pytestmark = pytest.mark.django_db


def test_without_seed_does_nothing(clock: FrozenClock, system: Actor) -> None:
    result = load_publishing_demo(actor=system)
    assert result.interpretations == result.qa_pairs == result.gazette_issues == 0


def test_demo_data_around_the_seed_is_idempotent(clock, system, staff, units) -> None:  # type: ignore[no-untyped-def]
    seed = document_import_published(
        actor=system, unit=units["office"], data=seed_input(load_seed()), published_at=SEED_PUBLISHED_AT
    )
    other = make_published(staff["handler"], staff["admin"])
    first = load_publishing_demo(actor=system)
    assert (first.interpretations, first.gazette_issues) == (1, 3)
    assert 4 <= first.qa_pairs <= 6
    [item] = interpretation_list_public(document=seed)
    assert item.unit == units["office"] and item.kind == "text"
    questions = [qa.question for qa in qa_pairs_public(document=seed)]
    assert any("30" in qa.answer for qa in PolicyQA.objects.all())
    assert len(questions) == first.qa_pairs
    issue = GazetteIssue.objects.get(year=2018, number=7)
    docs = set(GazetteItem.objects.values_list("document_id", flat=True))
    assert seed.pk in issue.items.values_list("document_id", flat=True) and other.pk in docs
    html = Client().get(f"/documents/{seed.pk}/").content.decode()
    assert item.title in html and questions[0] in html
    second = load_publishing_demo(actor=system)
    assert (second.interpretations, second.qa_pairs, second.gazette_issues, second.gazette_items) == (
        0,
        0,
        0,
        0,
    )
    assert Interpretation.objects.count() == 1 and GazetteIssue.objects.count() == 3
