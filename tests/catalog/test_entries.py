"""政务公开事项目录: the 26 domains, entries and the overdue rule."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.catalog.choices import GRASSROOTS_DOMAINS
from gongkai.catalog.models import CatalogEntry, GrassrootsDomain
from gongkai.catalog.selectors import catalog_entries_overdue, catalog_entries_with_status
from gongkai.catalog.services import EntryInput, catalog_entry_create, catalog_entry_link_documents
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.documents.services import document_withdraw
from tests.documents.factories import make_draft, make_published

pytestmark = pytest.mark.django_db


def test_the_26_domains_are_seeded_in_order(db) -> None:
    assert list(GrassrootsDomain.objects.values_list("name", flat=True)) == GRASSROOTS_DOMAINS
    assert GrassrootsDomain.objects.count() == 26


def test_entry_validation_and_permissions(clock, units, staff) -> None:
    domain = GrassrootsDomain.objects.get(number=3)
    with pytest.raises(InvalidInput) as exc:
        catalog_entry_create(
            actor=Actor(staff["admin"]),
            unit=units["finance"],
            domain=domain,
            data=EntryInput(item="", content="x", time_limit_days=0, channels=["飞鸽传书"]),
        )
    assert set(exc.value.errors) == {"item", "time_limit_days", "channels"}
    with pytest.raises(NotPermitted):
        catalog_entry_create(
            actor=Actor(staff["handler"]),
            unit=units["finance"],
            domain=domain,
            data=EntryInput(item="预算", content="x"),
        )
    assert CatalogEntry.objects.count() == 0


def test_overdue_entries(clock, units, staff) -> None:
    admin = Actor(staff["admin"])
    domain = GrassrootsDomain.objects.get(number=3)
    fresh = catalog_entry_create(
        actor=admin, unit=units["finance"], domain=domain, data=EntryInput(item="部门预算", content="预算表")
    )
    empty = catalog_entry_create(
        actor=admin, unit=units["finance"], domain=domain, data=EntryInput(item="部门决算", content="决算表")
    )
    no_limit = catalog_entry_create(
        actor=admin,
        unit=units["finance"],
        domain=domain,
        data=EntryInput(item="机构职能", content="职能", time_limit_text="长期公开", time_limit_days=None),
    )
    doc = make_published(staff["handler"], staff["admin"])  # published 2026-06-15
    gone = make_published(staff["handler"], staff["admin"], title="后来撤回的")
    catalog_entry_link_documents(actor=admin, entry=fresh, documents=[doc])
    catalog_entry_link_documents(actor=admin, entry=empty, documents=[gone])
    document_withdraw(actor=admin, document=gone, reason="内容有误")  # linked, but no longer public
    catalog_entry_link_documents(actor=admin, entry=no_limit, documents=[doc])

    overdue = catalog_entries_overdue([units["finance"]], clock)
    assert [s.entry for s in overdue] == [empty]  # a withdrawn document is not a public document
    assert overdue[0].latest is None

    # 2026-07-14 is the 20th working day after 2026-06-15 (端午 is 2026-06-19, a holiday): still in time.
    clock.move_to(dt.datetime(2026, 7, 14, 2, 0, tzinfo=dt.UTC))
    assert [s.entry for s in catalog_entries_overdue([units["finance"]], clock)] == [empty]
    clock.move_to(dt.datetime(2026, 7, 15, 2, 0, tzinfo=dt.UTC))
    overdue = catalog_entries_overdue([units["finance"]], clock)
    assert [s.entry for s in overdue] == [fresh, empty]
    assert "21个工作日" in overdue[0].reason
    statuses = {s.entry.pk: s for s in catalog_entries_with_status([units["finance"]], clock)}
    assert not statuses[no_limit.pk].overdue  # no machine-readable limit: judged only on having a document


def test_linking_documents_of_another_unit_is_refused(clock, units, staff) -> None:
    entry = catalog_entry_create(
        actor=Actor(staff["office"]),
        unit=units["finance"],
        domain=GrassrootsDomain.objects.get(number=1),
        data=EntryInput(item="项目", content="内容"),
    )
    other = make_published(staff["other_handler"], staff["office"])
    with pytest.raises(InvalidInput, match="公开主体"):
        catalog_entry_link_documents(actor=Actor(staff["office"]), entry=entry, documents=[other])
    draft = make_draft(staff["handler"], title="草稿")
    public = make_published(staff["handler"], staff["admin"], title="公开的")
    with pytest.raises(InvalidInput, match="《草稿》未公开"):  # one bad document: none is linked
        catalog_entry_link_documents(actor=Actor(staff["office"]), entry=entry, documents=[public, draft])
    assert entry.documents.count() == 0
