"""Synthetic documents: valid, public, marked, unique numbers, deterministic by seed."""

from __future__ import annotations

import re
from collections import defaultdict
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from gongkai.core.clock import FrozenClock, china_date
from gongkai.demo.catalog import ensure_unit_tree
from gongkai.demo.synthetic import THEMES, GenerationError, generate_documents
from gongkai.documents.choices import GENRES, TOPIC_LABELS, Status, Validity
from gongkai.documents.docnumber import normalise_doc_number
from gongkai.documents.models import Document, IndexSequence
from gongkai.documents.services import DocumentInput
from gongkai.units.models import Unit

pytestmark = pytest.mark.django_db

INDEX_RE = re.compile(r"^(?P<code>[0-9A-Z]{9})/(?P<year>\d{4})-(?P<serial>\d{5})$")


@pytest.fixture
def tree(db: Any) -> dict[str, Unit]:
    units, _ = ensure_unit_tree()
    return units


FINGERPRINT_FIELDS = ["index_number", "unit__code", "title", "doc_number", "topic", "genre", "date_written"]
FINGERPRINT_FIELDS += ["published_at", "validity", "body"]


def _fingerprint() -> list[tuple[Any, ...]]:
    return list(Document.objects.order_by("index_number").values_list(*FINGERPRINT_FIELDS))


def test_themes_use_known_topics() -> None:
    assert all(t.topic in TOPIC_LABELS for t in THEMES)


def test_generated_documents_are_valid(tree: dict[str, Unit], clock: FrozenClock) -> None:
    result = generate_documents(count=120, seed=5, batch_size=50, clock=clock, progress=False)
    assert result.created == 120
    docs = list(Document.objects.select_related("unit"))
    assert len(docs) == 120
    today = clock.today()
    per_unit_numbers: dict[int, set[str]] = defaultdict(set)
    serials: dict[tuple[int, int], list[int]] = defaultdict(list)
    for doc in docs:
        assert doc.is_synthetic and doc.is_public and doc.status == Status.PUBLISHED
        assert doc.topic in TOPIC_LABELS and doc.genre in GENRES
        assert 2015 <= doc.date_written.year <= 2026 and doc.date_written <= today
        assert doc.published_at is not None
        assert doc.date_written <= china_date(doc.published_at) and doc.published_at <= clock.now()
        m = INDEX_RE.match(doc.index_number or "")
        assert m, doc.index_number
        assert m["code"] == doc.unit.code and int(m["year"]) == china_date(doc.published_at).year
        serials[(doc.unit_id, int(m["year"]))].append(int(m["serial"]))
        if doc.doc_number:
            assert normalise_doc_number(doc.doc_number) == doc.doc_number
            assert doc.doc_number not in per_unit_numbers[doc.unit_id]
            per_unit_numbers[doc.unit_id].add(doc.doc_number)
            assert (doc.doc_number_org, doc.doc_number_year) == (doc.doc_number[: len(doc.doc_number_org)],
                                                                 doc.date_written.year)  # fmt: skip
        else:
            assert doc.genre in {"政策解读", "公示"}
        if doc.validity == Validity.VALID:
            assert doc.date_validity_changed is None
        else:
            assert doc.validity in {Validity.EXPIRED, Validity.REPEALED}
            assert doc.date_validity_changed and doc.date_written <= doc.date_validity_changed <= today
        # The same rules the forms and the API apply.
        DocumentInput(
            title=doc.title, body=doc.body, date_written=doc.date_written, topic=doc.topic, genre=doc.genre,
            doc_number=doc.doc_number, keywords=doc.keywords, summary=doc.summary, is_synthetic=True,
        ).clean(unit=doc.unit, today=today, instance=doc)  # fmt: skip
    assert len({d.index_number for d in docs}) == len(docs)
    for (unit_id, year), found in serials.items():
        assert sorted(found) == list(range(1, len(found) + 1))
        assert IndexSequence.objects.get(unit_id=unit_id, year=year).last_serial == len(found)
    assert len({d.unit_id for d in docs}) > 20
    assert len({d.topic for d in docs}) > 15
    assert len({d.date_written.year for d in docs}) >= 10
    assert sum(d.validity != Validity.VALID for d in docs) >= 3


def test_same_seed_same_documents(tree: dict[str, Unit], clock: FrozenClock) -> None:
    generate_documents(count=40, seed=11, batch_size=15, clock=clock, progress=False)
    first = _fingerprint()
    Document.objects.all().delete()
    IndexSequence.objects.all().delete()
    generate_documents(count=40, seed=11, batch_size=40, clock=clock, progress=False)
    assert _fingerprint() == first
    Document.objects.all().delete()
    IndexSequence.objects.all().delete()
    generate_documents(count=40, seed=12, clock=clock, progress=False)
    assert [f[2] for f in _fingerprint()] != [f[2] for f in first]


def test_runs_continue_numbering(tree: dict[str, Unit], clock: FrozenClock) -> None:
    generate_documents(count=60, seed=3, clock=clock, progress=False)
    generate_documents(count=60, seed=3, clock=clock, progress=False)  # same draws, numbers must move on
    docs = list(Document.objects.all())
    assert len({d.index_number for d in docs}) == 120
    numbered = [(d.unit_id, d.doc_number) for d in docs if d.doc_number]
    assert len(set(numbered)) == len(numbered)


def test_units_outside_the_catalog(units: dict[str, Unit], clock: FrozenClock) -> None:
    generate_documents(count=30, seed=2, clock=clock, progress=False)
    docs = Document.objects.all()
    assert {d.unit.code for d in docs} <= {u.code for u in units.values()}
    assert all(normalise_doc_number(d.doc_number) == d.doc_number for d in docs if d.doc_number)


def test_refuses_when_serials_would_run_out(tree: dict[str, Unit], clock: FrozenClock) -> None:
    IndexSequence.objects.create(unit=tree["SZ0100001"], year=2025, last_serial=99_990)
    with pytest.raises(GenerationError, match="索引号"):
        generate_documents(count=1000, seed=1, clock=clock, progress=False)
    assert not Document.objects.exists()


def test_refuses_without_units(db: Any, clock: FrozenClock) -> None:
    with pytest.raises(GenerationError, match="load_demo"):
        generate_documents(count=1, clock=clock, progress=False)


def test_command(tree: dict[str, Unit], clock: FrozenClock) -> None:
    out = StringIO()
    call_command(
        "generate_documents", "--count", "25", "--seed", "4", "--batch", "10", "--no-progress", stdout=out
    )
    assert "已生成 25 件合成文件" in out.getvalue()
    assert Document.objects.filter(is_synthetic=True).count() == 25
