"""Moving documents through review and publication (see ``documents/lifecycle.py``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.core.audit import audit_record, diff
from gongkai.core.clock import Clock, china_date, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.documents.choices import Status, Validity
from gongkai.documents.docnumber import normalise_doc_number
from gongkai.documents.models import Document
from gongkai.documents.selectors import document_list_public
from gongkai.documents.services.common import (
    apply_input,
    doc_snapshot,
    next_index_number,
    record_version,
    require_review,
    require_transition,
    require_write,
)
from gongkai.documents.services.inputs import DocumentInput, validate_validity
from gongkai.documents.signals import document_changed

MAX_REASON_CHARS = 1000


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().select_related("unit").get(pk=document.pk)


def _changed(document: Document) -> None:
    pk = document.pk
    transaction.on_commit(lambda: document_changed.send(sender=Document, document_id=pk))


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(f"请填写{what}。", field="reason")
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidInput(f"{what}不能超过{MAX_REASON_CHARS}字。", field="reason")
    return reason


@transaction.atomic
def document_submit(*, actor: Actor, document: Document, clock: Clock | None = None) -> Document:
    """Draft → in review."""
    clock = clock or get_clock()
    document = _locked(document)
    require_write(actor, document.unit)
    require_transition(document, Status.IN_REVIEW)
    document.status = Status.IN_REVIEW
    document.submitted_by = actor.user
    document.review_note = ""
    document.updated_at = clock.now()
    document.save()
    audit_record(
        actor=actor,
        action="document.submit",
        obj=document,
        changes={"status": [Status.DRAFT, Status.IN_REVIEW]},
        clock=clock,
    )
    return document


@transaction.atomic
def document_send_back(
    *, actor: Actor, document: Document, reason: str, clock: Clock | None = None
) -> Document:
    """In review → draft, with a reason the author sees."""
    clock = clock or get_clock()
    document = _locked(document)
    require_review(actor, document.unit)
    require_transition(document, Status.DRAFT)
    if document.status != Status.IN_REVIEW:
        raise IllegalTransition("只有待审核的文件可以退回。")
    document.review_note = _reason(reason, "退回理由")
    document.status = Status.DRAFT
    document.updated_at = clock.now()
    document.save()
    audit_record(
        actor=actor,
        action="document.send_back",
        obj=document,
        changes={"status": [Status.IN_REVIEW, Status.DRAFT]},
        note=document.review_note,
        clock=clock,
    )
    return document


@transaction.atomic
def document_approve(*, actor: Actor, document: Document, clock: Clock | None = None) -> Document:
    """In review → published now, or scheduled when a future publication time was set.

    Four eyes: whoever submitted the document cannot approve it.
    """
    clock = clock or get_clock()
    document = _locked(document)
    require_review(actor, document.unit)
    if document.status != Status.IN_REVIEW:
        raise IllegalTransition("只有待审核的文件可以审核发布。")
    if actor.user is not None and actor.user.pk in {document.submitted_by_id, document.created_by_id}:
        raise NotPermitted("起草或提交人不能审核自己的文件，请由本单位其他管理员审核。")
    _privacy_gate(document)
    now = clock.now()
    before = doc_snapshot(document)
    if document.scheduled_at and document.scheduled_at > now:
        document.status = Status.SCHEDULED
        action = "document.schedule"
    else:
        _publish(document, actor=actor, now=now)
        action = "document.publish"
    document.updated_at = now
    document.save()
    audit_record(
        actor=actor, action=action, obj=document, changes=diff(before, doc_snapshot(document)), clock=clock
    )
    if document.status == Status.PUBLISHED:
        _changed(document)
    return document


def _privacy_gate(document: Document) -> None:
    """The publishing gate: unresolved personal information refuses approval (PrivacyReviewRequired)."""
    from gongkai.privacy.services.documents import document_gate_require

    document_gate_require(document)


def _privacy_revision_gate(document: Document) -> None:
    from gongkai.privacy.services.documents import document_revision_gate

    document_revision_gate(document)


def _publish(document: Document, *, actor: Actor, now: dt.datetime) -> None:
    if china_date(now) < document.date_written:
        raise InvalidInput("发布日期不能早于成文日期。", field="scheduled_at")
    document.status = Status.PUBLISHED
    document.published_at = now
    if not document.index_number:
        document.index_number = next_index_number(document.unit, china_date(now).year)
    record_version(document, actor=actor, at=now, note="发布" if document.version == 1 else "重新发布")


@transaction.atomic
def document_publish_due(*, clock: Clock | None = None) -> list[int]:
    """Publish every scheduled document whose time has come; returns their ids. Run periodically."""
    clock = clock or get_clock()
    now = clock.now()
    published: list[int] = []
    for document in Document.objects.select_for_update().filter(
        status=Status.SCHEDULED, scheduled_at__lte=now
    ):
        before = doc_snapshot(document)
        _publish(document, actor=Actor.system(), now=now)
        document.updated_at = now
        document.save()
        audit_record(
            actor=Actor.system(),
            action="document.publish",
            obj=document,
            changes=diff(before, doc_snapshot(document)),
            note="定时发布",
            clock=clock,
        )
        _changed(document)
        published.append(document.pk)
    return published


@transaction.atomic
def document_withdraw(
    *, actor: Actor, document: Document, reason: str, clock: Clock | None = None
) -> Document:
    """Published (or scheduled) → withdrawn from the portal, with a reason kept in the trail."""
    clock = clock or get_clock()
    document = _locked(document)
    require_review(actor, document.unit)
    # Withdrawing a scheduled document cancels the schedule; a published one leaves the portal.
    target = Status.DRAFT if document.status == Status.SCHEDULED else Status.WITHDRAWN
    require_transition(document, target)
    reason = _reason(reason, "撤回理由")
    before = document.status
    document.status = target
    document.updated_at = clock.now()
    document.save()
    audit_record(
        actor=actor,
        action="document.withdraw",
        obj=document,
        changes={"status": [before, target]},
        note=reason,
        clock=clock,
    )
    _changed(document)
    return document


@transaction.atomic
def document_reopen(*, actor: Actor, document: Document, clock: Clock | None = None) -> Document:
    """Withdrawn → draft, to be corrected and reviewed again."""
    clock = clock or get_clock()
    document = _locked(document)
    require_write(actor, document.unit)
    require_transition(document, Status.DRAFT)
    if document.status != Status.WITHDRAWN:
        raise IllegalTransition("只有已撤回的文件可以重新编辑。")
    document.status = Status.DRAFT
    document.version += 1
    document.updated_at = clock.now()
    document.save()
    audit_record(
        actor=actor,
        action="document.reopen",
        obj=document,
        changes={"status": [Status.WITHDRAWN, Status.DRAFT]},
        clock=clock,
    )
    return document


@transaction.atomic
def document_revise(
    *, actor: Actor, document: Document, data: DocumentInput, change_note: str, clock: Clock | None = None
) -> Document:
    """Correct a published document in place: a new version, listed in its public change history."""
    clock = clock or get_clock()
    document = _locked(document)
    require_review(actor, document.unit)
    if document.status != Status.PUBLISHED:
        raise IllegalTransition("只有已发布的文件可以修订。")
    note = _reason(change_note, "修订说明")
    data.scheduled_at = None
    data.clean(unit=document.unit, today=clock.today(), instance=document)
    if document.published_at and china_date(document.published_at) < data.date_written:
        raise InvalidInput("成文日期不能晚于发布日期。", field="date_written")
    before = doc_snapshot(document)
    apply_input(document, data)
    changes = diff(before, doc_snapshot(document))
    if not changes:
        raise InvalidInput("内容没有变化，无需修订。")
    _privacy_revision_gate(document)
    now = clock.now()
    document.version += 1
    document.updated_at = now
    document.save()
    record_version(document, actor=actor, at=now, note=note)
    audit_record(actor=actor, action="document.revise", obj=document, changes=changes, note=note, clock=clock)
    _changed(document)
    return document


@transaction.atomic
def document_set_validity(
    *,
    actor: Actor,
    document: Document,
    validity: str,
    date_changed: dt.date | None = None,
    superseded_by: Document | None = None,
    clock: Clock | None = None,
) -> Document:
    """Mark a document 有效 / 失效 / 废止 …, optionally naming the document that replaces it."""
    clock = clock or get_clock()
    document = _locked(document)
    require_review(actor, document.unit)
    validate_validity(validity=validity, date_changed=date_changed, date_written=document.date_written)
    if date_changed and date_changed > clock.today():
        raise InvalidInput("失效/废止日期不能晚于今天。", field="date_validity_changed")
    if superseded_by is not None and (superseded_by.pk == document.pk or not superseded_by.is_public):
        raise InvalidInput("替代文件必须是另一份已公开的文件。", field="superseded_by")
    before = doc_snapshot(document)
    before["superseded_by"] = str(document.superseded_by) if document.superseded_by else None
    document.validity = validity
    document.date_validity_changed = date_changed
    document.superseded_by = superseded_by
    document.updated_at = clock.now()
    document.save()
    after = doc_snapshot(document)
    after["superseded_by"] = str(superseded_by) if superseded_by else None
    audit_record(
        actor=actor, action="document.validity", obj=document, changes=diff(before, after), clock=clock
    )
    _changed(document)
    return document


REPLACING_VALIDITIES = {Validity.REPEALED, Validity.AMENDED, Validity.EXPIRED, Validity.PARTLY_EXPIRED}


def document_supersede(
    *,
    actor: Actor,
    new_document: Document,
    old_doc_number: str,
    validity: str = Validity.REPEALED,
    clock: Clock | None = None,
) -> Document:
    """File that a published document replaces an older one, named by its 发文字号.

    The old document is marked (废止 / 已修订 …) on the new one's publication date and points to it,
    so its public page sends readers to the current text.
    """
    if not new_document.is_public:
        raise InvalidInput("只有已公开的文件可以替代其他文件。")
    if validity not in REPLACING_VALIDITIES:
        raise InvalidInput("请选择旧文件的状态：废止、已修订、失效或部分失效。", field="validity")
    number = normalise_doc_number(old_doc_number)
    if number is None:
        raise InvalidInput("请填写被替代文件的发文字号，如 苏府办〔2018〕193号。", field="old_doc_number")
    old = document_list_public().filter(doc_number=number).exclude(pk=new_document.pk).first()
    if old is None:
        raise InvalidInput(f"没有找到发文字号为 {number} 的已公开文件。", field="old_doc_number")
    assert new_document.published_at is not None
    return document_set_validity(
        actor=actor,
        document=old,
        validity=validity,
        date_changed=china_date(new_document.published_at),
        superseded_by=new_document,
        clock=clock,
    )
