"""The document state machine through its services: who may move a document where."""

import datetime as dt

import pytest

from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.documents.choices import Status, Validity
from gongkai.documents.lifecycle import ALLOWED_TRANSITIONS
from gongkai.documents.models import Document, DocumentVersion
from gongkai.documents.selectors import document_get_public, document_list_public
from gongkai.documents.services import (
    document_approve,
    document_publish_due,
    document_reopen,
    document_revise,
    document_send_back,
    document_set_validity,
    document_submit,
    document_update,
    document_withdraw,
)
from tests.documents.factories import make_draft, make_input, make_published

pytestmark = pytest.mark.django_db


def test_draft_reviewed_and_published_gets_index_number_and_version(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"], doc_number="苏财规[2026]5号")
    assert doc.status == Status.PUBLISHED
    assert doc.doc_number == "苏财规〔2026〕5号"
    assert doc.index_number == "014000003/2026-00001"
    assert doc.published_at == clock.now()
    assert DocumentVersion.objects.filter(document=doc).count() == 1
    assert document_get_public(doc.pk) == doc
    actions = list(
        AuditEvent.objects.filter(object_type="documents.document", object_id=str(doc.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["document.create", "document.submit", "document.publish"]


def test_index_numbers_count_up_per_unit_and_year(clock, staff) -> None:
    first = make_published(staff["handler"], staff["admin"])
    second = make_published(staff["handler"], staff["admin"], title="第二份")
    assert first.index_number.endswith("/2026-00001")
    assert second.index_number.endswith("/2026-00002")


def test_author_cannot_approve_own_document(clock, staff) -> None:
    doc = make_draft(staff["admin"])
    document_submit(actor=Actor(staff["admin"]), document=doc)
    with pytest.raises(NotPermitted):
        document_approve(actor=Actor(staff["admin"]), document=doc)


def test_handler_cannot_approve(clock, staff) -> None:
    doc = make_draft(staff["handler"])
    document_submit(actor=Actor(staff["handler"]), document=doc)
    with pytest.raises(NotPermitted):
        document_approve(actor=Actor(staff["handler2"]), document=doc)


def test_send_back_needs_reason_and_returns_to_draft_with_note(clock, staff) -> None:
    doc = make_draft(staff["handler"])
    document_submit(actor=Actor(staff["handler"]), document=doc)
    with pytest.raises(InvalidInput):
        document_send_back(actor=Actor(staff["admin"]), document=doc, reason="  ")
    doc = document_send_back(actor=Actor(staff["admin"]), document=doc, reason="请补充发文字号")
    assert doc.status == Status.DRAFT
    assert doc.review_note == "请补充发文字号"


def test_illegal_transitions_are_refused(clock, staff) -> None:
    doc = make_draft(staff["handler"])
    with pytest.raises(IllegalTransition):
        document_approve(actor=Actor(staff["admin"]), document=doc)
    with pytest.raises(IllegalTransition):
        document_withdraw(actor=Actor(staff["admin"]), document=doc, reason="x")
    with pytest.raises(IllegalTransition):
        document_reopen(actor=Actor(staff["handler"]), document=doc)


def test_published_document_cannot_be_edited_as_draft(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    with pytest.raises(IllegalTransition):
        document_update(actor=Actor(staff["handler"]), document=doc, data=make_input(title="改"))


def test_withdraw_hides_document_and_reopen_makes_new_version(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    document_withdraw(actor=Actor(staff["admin"]), document=doc, reason="内容有误")
    assert not document_list_public().filter(pk=doc.pk).exists()
    doc = document_reopen(actor=Actor(staff["handler"]), document=doc)
    assert doc.status == Status.DRAFT
    assert doc.version == 2


def test_revision_creates_public_version_and_audit_diff(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    doc = document_revise(
        actor=Actor(staff["admin2"]),
        document=doc,
        data=make_input(title="更正后的标题"),
        change_note="更正标题错字",
    )
    assert doc.version == 2
    assert [v.change_note for v in doc.versions.order_by("version")] == ["发布", "更正标题错字"]
    event = AuditEvent.objects.filter(action="document.revise").get()
    assert event.changes["title"] == ["关于做好2026年社会保险费征缴工作的通知", "更正后的标题"]


def test_scheduled_publication_waits_for_its_time(clock, staff) -> None:
    at = clock.now() + dt.timedelta(days=2)
    doc = make_draft(staff["handler"], scheduled_at=at)
    document_submit(actor=Actor(staff["handler"]), document=doc)
    doc = document_approve(actor=Actor(staff["admin"]), document=doc)
    assert doc.status == Status.SCHEDULED
    assert document_publish_due() == []
    clock.advance(dt.timedelta(days=2, minutes=1))
    assert document_publish_due() == [doc.pk]
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED
    assert doc.published_at == clock.now()


def test_validity_change_links_superseding_document(clock, staff) -> None:
    old = make_published(staff["handler"], staff["admin"], title="旧办法")
    new = make_published(staff["handler"], staff["admin"], title="新办法")
    with pytest.raises(InvalidInput):
        document_set_validity(actor=Actor(staff["admin"]), document=old, validity=Validity.REPEALED)
    old = document_set_validity(
        actor=Actor(staff["admin"]),
        document=old,
        validity=Validity.REPEALED,
        date_changed=dt.date(2026, 6, 10),
        superseded_by=new,
    )
    assert old.superseded_by == new
    assert old.status == Status.PUBLISHED


def test_every_state_in_transition_map_is_a_status() -> None:
    for source, targets in ALLOWED_TRANSITIONS.items():
        assert source in Status.values
        assert targets <= set(Status.values)
    assert set(ALLOWED_TRANSITIONS) == set(Status.values)


def test_nothing_saved_when_approve_fails(clock, staff) -> None:
    doc = make_draft(staff["handler"])
    before = AuditEvent.objects.count()
    with pytest.raises(IllegalTransition):
        document_approve(actor=Actor(staff["admin"]), document=doc)
    assert AuditEvent.objects.count() == before
    assert Document.objects.get(pk=doc.pk).status == Status.DRAFT
