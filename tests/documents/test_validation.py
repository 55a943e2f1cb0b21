"""Bad input is refused with a Chinese message, and nothing is saved."""

import datetime as dt

import pytest

from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.documents.choices import Disclosure
from gongkai.documents.models import Document
from gongkai.documents.services import document_create, document_import_published
from tests.documents.factories import make_draft, make_input

pytestmark = pytest.mark.django_db


def _refused(staff_member, **overrides) -> InvalidInput:  # type: ignore[no-untyped-def]
    docs, events = Document.objects.count(), AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as info:
        make_draft(staff_member, **overrides)
    assert (Document.objects.count(), AuditEvent.objects.count()) == (docs, events)
    return info.value


def test_duplicate_doc_number_in_one_unit_is_refused(clock, staff) -> None:
    make_draft(staff["handler"], doc_number="苏财规〔2026〕1号")
    err = _refused(staff["handler"], doc_number="苏财规[2026]1号")
    assert "已有发文字号为 苏财规〔2026〕1号" in err.message


def test_same_doc_number_in_another_unit_is_allowed(clock, staff) -> None:
    make_draft(staff["handler"], doc_number="苏财规〔2026〕1号")
    make_draft(staff["other_handler"], doc_number="苏财规〔2026〕1号")


def test_future_written_date_is_refused(clock, staff) -> None:
    assert "成文日期不能晚于今天" in _refused(staff["handler"], date_written=dt.date(2026, 7, 1)).message


def test_publication_before_written_date_is_refused(clock, staff, system) -> None:
    with pytest.raises(InvalidInput, match="发布日期不能早于成文日期"):
        document_import_published(
            actor=system,
            unit=staff["handler"].unit,
            data=make_input(date_written=dt.date(2026, 6, 10)),
            published_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
        )
    assert not Document.objects.exists()


def test_withheld_needs_legal_reason(clock, staff) -> None:
    err = _refused(staff["handler"], disclosure=Disclosure.WITHHELD)
    assert "法定理由" in err.message


def test_malformed_doc_number_and_empty_title_reported_together(clock, staff) -> None:
    err = _refused(staff["handler"], doc_number="一九三号", title="")
    assert set(err.errors) == {"title", "doc_number"}
    assert "共2处错误" in err.message


def test_oversized_body_is_refused(clock, staff) -> None:
    assert "正文不能超过" in _refused(staff["handler"], body="字" * 500_001).message


def test_script_is_stored_as_text(clock, staff) -> None:
    doc = make_draft(staff["handler"], title="<script>alert(1)</script>通知")
    assert doc.title == "<script>alert(1)</script>通知"


def test_control_characters_are_stripped(clock, staff) -> None:
    doc = make_draft(staff["handler"], title="通\x00知\x07")
    assert doc.title == "通知"


def test_handler_cannot_create_in_another_unit(clock, staff, units) -> None:
    with pytest.raises(NotPermitted):
        document_create(actor=Actor(staff["handler"]), unit=units["office"], data=make_input())
    assert not Document.objects.exists()


def test_evaluator_cannot_create(clock, staff, units) -> None:
    with pytest.raises(NotPermitted):
        document_create(actor=Actor(staff["evaluator"]), unit=units["city"], data=make_input())


def test_openness_office_works_in_its_subtree_only(clock, staff, units) -> None:
    document_create(actor=Actor(staff["office"]), unit=units["district_dept"], data=make_input())
    with pytest.raises(NotPermitted):
        document_create(actor=Actor(staff["district_office"]), unit=units["finance"], data=make_input())
