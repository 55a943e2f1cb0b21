"""Knowledge services: permissions, four-eyes, optimistic versions, audit rows, refusal without change,
sanitising, revision while published, expiry."""

from __future__ import annotations

import pytest

from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.knowledge.choices import EntryState
from gongkai.knowledge.models import KnowledgeEntry, KnowledgeEntryVersion
from gongkai.knowledge.selectors import entries_public, entry_get_public, published_entries_for_retrieval
from gongkai.knowledge.services import (
    ConcurrentChange,
    entry_approve,
    entry_create,
    entry_edit,
    entry_expire,
    entry_reject,
    entry_revise,
    entry_submit,
)
from tests.documents.factories import make_published
from tests.knowledge.conftest import entry_input

pytestmark = pytest.mark.django_db


def actions(entry: KnowledgeEntry) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="knowledge.knowledgeentry", object_id=str(entry.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_create_submit_approve_publishes_with_audit(kb, event) -> None:
    entry = kb.draft(life_events=[event])
    assert entry.state == EntryState.DRAFT and entry.version == 0
    assert entry.current_version.number == 1 and entry.published_version is None
    assert list(entry.life_events.all()) == [event]
    assert not entries_public().filter(pk=entry.pk).exists()
    entry = entry_submit(actor=kb.actor("handler"), entry=entry)
    entry = entry_approve(actor=kb.actor("admin"), entry=entry)
    assert entry.state == EntryState.PUBLISHED
    assert entry.published_version == entry.current_version
    assert entry.published_at == kb.clock.now()
    # No review date given: one year after publication.
    assert entry.date_review_by.isoformat() == "2027-06-15"
    assert entry_get_public(entry.pk) == entry
    assert actions(entry) == ["knowledge.create", "knowledge.submit", "knowledge.approve"]
    row = AuditEvent.objects.get(action="knowledge.approve")
    assert row.actor == kb.staff["admin"] and row.unit == entry.unit and row.ip == "192.0.2.1"
    assert row.changes["state"] == ["in_review", "published"]


def test_retrieval_selector_yields_published_versions(kb) -> None:
    entry = kb.published()
    kb.draft(question="草稿不应出现？")
    rows = list(published_entries_for_retrieval())
    assert [r.id for r in rows] == [entry.pk]
    r = rows[0]
    assert r.question == entry.question and r.phrasings == ("自由职业者怎么交社保",)
    assert "社保经办窗口" in r.answer_text and r.unit_name == "苏州市财政局"
    assert r.url == f"/zsk/{entry.pk}/"


def test_permissions_by_unit_and_role(kb, units) -> None:
    with pytest.raises(NotPermitted):  # a handler of another unit
        entry_create(actor=kb.actor("other_handler"), unit=units["finance"], data=entry_input())
    with pytest.raises(NotPermitted):  # evaluators read only
        entry_create(actor=kb.actor("evaluator"), unit=units["city"], data=entry_input())
    # The openness office works in its subtree.
    entry = entry_create(actor=kb.actor("office"), unit=units["finance"], data=entry_input())
    entry = entry_submit(actor=kb.actor("handler"), entry=entry)
    with pytest.raises(NotPermitted):  # handlers do not approve
        entry_approve(actor=kb.actor("handler2"), entry=entry)
    with pytest.raises(
        NotPermitted
    ):  # a district office is outside the city unit's subtree? no: outside finance
        entry_approve(actor=kb.actor("district_office"), entry=entry)
    assert KnowledgeEntry.objects.get(pk=entry.pk).state == EntryState.IN_REVIEW
    entry_approve(actor=kb.actor("admin"), entry=entry)


def test_four_eyes(kb) -> None:
    entry = kb.draft(author="admin")
    entry = entry_submit(actor=kb.actor("admin"), entry=entry)
    with pytest.raises(NotPermitted, match="不能审核自己"):
        entry_approve(actor=kb.actor("admin"), entry=entry)
    # Submitted by someone else but written by the reviewer: still refused.
    other = kb.draft(author="admin")
    other = entry_submit(actor=kb.actor("handler"), entry=other)
    with pytest.raises(NotPermitted):
        entry_approve(actor=kb.actor("admin"), entry=other)
    assert entry_approve(actor=kb.actor("admin2"), entry=entry).state == EntryState.PUBLISHED
    assert actions(entry)[-1] == "knowledge.approve"


def test_stale_version_is_refused_and_nothing_changes(kb) -> None:
    entry = kb.draft()
    stale_copy = KnowledgeEntry.objects.get(pk=entry.pk)
    entry_edit(actor=kb.actor("handler"), entry=entry, data=entry_input(question="修改后的问题？"))
    with pytest.raises(ConcurrentChange, match="已被其他工作人员修改"):
        entry_submit(actor=kb.actor("handler"), entry=stale_copy)
    fresh = KnowledgeEntry.objects.get(pk=entry.pk)
    assert fresh.state == EntryState.DRAFT and fresh.version == 1
    assert actions(entry) == ["knowledge.create", "knowledge.edit"]


def test_bad_input_is_refused_with_nothing_saved(kb, units) -> None:
    with pytest.raises(InvalidInput) as exc:
        entry_create(
            actor=kb.actor("handler"),
            unit=units["finance"],
            data=entry_input(
                question=" ",
                answer_html="<script>x</script>",
                service_url="javascript:alert(1)",
                tags=["一个超过二十个字的标签一个超过二十个字的标签"],
            ),
        )
    assert set(exc.value.errors) >= {"question", "answer_html", "service_url", "tags"}
    assert exc.value.errors["question"] == ["请填写标准问题。"]
    assert KnowledgeEntry.objects.count() == 0 and KnowledgeEntryVersion.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="knowledge.").exists()
    entry = kb.draft()
    with pytest.raises(InvalidInput):
        entry_edit(actor=kb.actor("handler"), entry=entry, data=entry_input(question="x" * 201))
    fresh = KnowledgeEntry.objects.get(pk=entry.pk)
    assert fresh.version == 0 and fresh.versions.count() == 1


def test_hostile_html_is_sanitised_before_storage(kb) -> None:
    entry = kb.draft(
        answer_html=(
            '<p onmouseover="steal()">办理<script>alert(1)</script><a href="javascript:x">链接</a></p>'
        )
    )
    v = entry.current_version
    assert v.answer_html == "<p>办理<a>链接</a></p>"
    assert v.answer_text == "办理链接"


def test_reject_needs_a_reason_and_returns_to_draft(kb) -> None:
    entry = entry_submit(actor=kb.actor("handler"), entry=kb.draft())
    with pytest.raises(InvalidInput, match="退回理由"):
        entry_reject(actor=kb.actor("admin"), entry=entry, reason_text="  ")
    entry = entry_reject(actor=kb.actor("admin"), entry=entry, reason_text="答案缺少办理地点")
    assert entry.state == EntryState.DRAFT and entry.review_note == "答案缺少办理地点"
    with pytest.raises(IllegalTransition):
        entry_approve(actor=kb.actor("admin"), entry=entry)


def test_revision_keeps_the_published_version_public(kb) -> None:
    entry = kb.published(question="原问题？")
    first = entry.published_version
    entry = entry_revise(actor=kb.actor("handler2"), entry=entry)
    assert entry.state == EntryState.DRAFT and entry.current_version.number == 2
    entry = entry_edit(actor=kb.actor("handler2"), entry=entry, data=entry_input(question="新问题？"))
    public = entry_get_public(entry.pk)
    assert public.published_version == first and public.question == "原问题？"
    assert public.has_pending_revision
    entry = entry_submit(actor=kb.actor("handler2"), entry=entry)
    entry = entry_approve(actor=kb.actor("admin"), entry=entry)
    assert entry.published_version.number == 3 and entry.question == "新问题？"
    # Versions are snapshots: the first is untouched.
    first.refresh_from_db()
    assert first.question == "原问题？"
    assert list(entry.versions.values_list("number", flat=True).order_by("number")) == [1, 2, 3]


def test_expire_takes_the_entry_off_and_revise_brings_it_back_through_review(kb) -> None:
    entry = kb.published()
    with pytest.raises(NotPermitted):
        entry_expire(actor=kb.actor("handler"), entry=entry, reason_text="政策调整")
    entry = entry_expire(actor=kb.actor("admin"), entry=entry, reason_text="政策调整")
    assert entry.state == EntryState.EXPIRED and entry.published_version is None
    assert not entries_public().exists()
    entry = entry_revise(actor=kb.actor("handler"), entry=entry)
    assert entry.state == EntryState.DRAFT and not entries_public().exists()
    entry = entry_approve(actor=kb.actor("admin"), entry=entry_submit(actor=kb.actor("handler"), entry=entry))
    assert entries_public().filter(pk=entry.pk).exists()


def test_linked_documents_must_be_visible(kb, staff) -> None:
    from tests.documents.factories import make_draft

    hidden = make_draft(staff["other_handler"])  # a draft of another unit
    with pytest.raises(InvalidInput, match="未找到"):
        kb.draft(documents=[hidden])
    doc = make_published(staff["other_handler"], staff["office"])
    entry = kb.draft(documents=[doc])
    assert list(entry.documents.all()) == [doc]
    assert entry.current_version.document_ids == [doc.pk]
