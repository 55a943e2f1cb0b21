"""Stale entries: past their review date, or relying on a document that lapsed or was withdrawn; the
daily job flags them to their unit and clears the flag when it no longer applies."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.context import Actor
from gongkai.core.models import AuditEvent
from gongkai.documents.choices import Validity
from gongkai.documents.services import document_set_validity, document_withdraw
from gongkai.knowledge.choices import StaleReason
from gongkai.knowledge.models import KnowledgeEntry
from gongkai.knowledge.selectors import entries_stale, entries_stale_for_staff
from gongkai.knowledge.services import entries_flag_stale
from gongkai.knowledge.tasks import flag_stale_entries
from tests.documents.factories import make_published

pytestmark = pytest.mark.django_db


def test_review_date_passing_makes_an_entry_stale(kb, clock, staff) -> None:
    entry = kb.published(date_review_by=dt.date(2026, 7, 1))
    fresh = kb.published(question="另一个问题？", date_review_by=dt.date(2027, 1, 1))
    assert not entries_stale().exists()
    clock.advance(dt.timedelta(days=16))  # 2026-07-01: due today, not yet past
    assert not entries_stale().exists()
    clock.advance(dt.timedelta(days=1))
    assert list(entries_stale()) == [entry]
    result = flag_stale_entries()
    assert (result.flagged, result.cleared) == (1, 0)
    entry.refresh_from_db()
    assert entry.stale_reason == StaleReason.REVIEW_DUE and entry.date_flagged_stale == dt.date(2026, 7, 2)
    assert entry.version == 2  # the flag is not content: no version bump
    fresh.refresh_from_db()
    assert fresh.stale_reason == ""
    assert AuditEvent.objects.filter(action="knowledge.flag_stale", object_id=str(entry.pk)).count() == 1
    # Running again changes nothing; the unit sees it, another unit does not.
    assert entries_flag_stale().flagged == 0
    assert list(entries_stale_for_staff(staff["handler"])) == [entry]
    assert not entries_stale_for_staff(staff["other_handler"]).exists()


def test_lapsed_or_withdrawn_document_makes_an_entry_stale_and_republishing_clears(kb, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"], title="关于社会保险费征缴的通知")
    other = make_published(
        staff["handler"], staff["admin"], title="关于公积金的通知", doc_number="苏财〔2026〕2号"
    )
    entry = kb.published(documents=[doc])
    entry2 = kb.published(question="公积金问题？", documents=[other])
    assert not entries_stale().exists()
    document_set_validity(
        actor=Actor(staff["admin"]),
        document=doc,
        validity=Validity.REPEALED,
        date_changed=dt.date(2026, 6, 1),
    )
    document_withdraw(actor=Actor(staff["admin"]), document=other, reason="内容有误")
    assert set(entries_stale()) == {entry, entry2}
    assert entries_flag_stale().flagged == 2
    entry.refresh_from_db()
    assert entry.stale_reason == StaleReason.DOCUMENT_LAPSED and "社会保险费征缴" in entry.stale_note
    # The unit revises (dropping the lapsed document) and republishes: the flag goes.
    from gongkai.knowledge.services import entry_approve, entry_edit, entry_revise, entry_submit
    from tests.knowledge.conftest import entry_input

    entry = entry_revise(actor=kb.actor("handler"), entry=entry)
    entry = entry_edit(actor=kb.actor("handler"), entry=entry, data=entry_input(documents=[]))
    entry = entry_approve(actor=kb.actor("admin"), entry=entry_submit(actor=kb.actor("handler"), entry=entry))
    assert entry.stale_reason == "" and not entry.documents.exists()
    assert set(entries_stale()) == {entry2}


def test_flag_is_cleared_when_no_longer_stale(kb, clock) -> None:
    entry = kb.published(date_review_by=dt.date(2026, 6, 20))
    clock.advance(dt.timedelta(days=10))
    entries_flag_stale()
    # Someone moves the review date on (e.g. through the admin); the next run clears the flag.
    KnowledgeEntry.objects.filter(pk=entry.pk).update(date_review_by=dt.date(2027, 6, 1))
    result = entries_flag_stale()
    assert (result.flagged, result.cleared) == (0, 1)
    entry.refresh_from_db()
    assert entry.stale_reason == "" and entry.date_flagged_stale is None
