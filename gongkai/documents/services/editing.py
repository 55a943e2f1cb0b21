"""Creating and editing documents."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.core.audit import audit_record, diff
from gongkai.core.clock import Clock, china_date, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput
from gongkai.documents.choices import Status
from gongkai.documents.lifecycle import EDITABLE_STATES
from gongkai.documents.models import Document
from gongkai.documents.services.common import (
    apply_input,
    doc_snapshot,
    next_index_number,
    record_version,
    require_write,
)
from gongkai.documents.services.inputs import DocumentInput
from gongkai.documents.signals import document_changed
from gongkai.units.models import Unit


@transaction.atomic
def document_create(*, actor: Actor, unit: Unit, data: DocumentInput, clock: Clock | None = None) -> Document:
    """A new draft in ``unit``."""
    clock = clock or get_clock()
    require_write(actor, unit)
    data.clean(unit=unit, today=clock.today())
    now = clock.now()
    document = Document(unit=unit, created_by=actor.user, created_at=now, updated_at=now, status=Status.DRAFT)
    apply_input(document, data)
    document.save()
    audit_record(
        actor=actor,
        action="document.create",
        obj=document,
        changes=diff({}, doc_snapshot(document)),
        clock=clock,
    )
    return document


@transaction.atomic
def document_update(
    *, actor: Actor, document: Document, data: DocumentInput, clock: Clock | None = None
) -> Document:
    """Edit a draft; published documents are changed with ``document_revise`` instead."""
    clock = clock or get_clock()
    document = Document.objects.select_for_update().get(pk=document.pk)
    require_write(actor, document.unit)
    if document.status not in EDITABLE_STATES:
        raise IllegalTransition("只有草稿可以直接修改；已发布的文件请使用“修订”。")
    data.clean(unit=document.unit, today=clock.today(), instance=document)
    before = doc_snapshot(document)
    apply_input(document, data)
    document.updated_at = clock.now()
    document.save()
    audit_record(
        actor=actor,
        action="document.update",
        obj=document,
        changes=diff(before, doc_snapshot(document)),
        clock=clock,
    )
    return document


@transaction.atomic
def document_import_published(
    *, actor: Actor, unit: Unit, data: DocumentInput, published_at: dt.datetime, clock: Clock | None = None
) -> Document:
    """Bring in a document that was already published elsewhere (demo data, migration of an old site).

    The original publication date is kept; it must not precede the 成文日期.
    """
    clock = clock or get_clock()
    require_write(actor, unit)
    data.clean(unit=unit, today=clock.today())
    if china_date(published_at) < data.date_written:
        raise InvalidInput("发布日期不能早于成文日期。", field="published_at")
    if published_at > clock.now():
        raise InvalidInput("导入文件的发布日期不能晚于现在。", field="published_at")
    now = clock.now()
    document = Document(unit=unit, created_by=actor.user, created_at=now, updated_at=now)
    apply_input(document, data)
    document.status = Status.PUBLISHED
    document.published_at = published_at
    document.index_number = next_index_number(unit, china_date(published_at).year)
    document.save()
    record_version(document, actor=actor, at=now, note="导入")
    audit_record(
        actor=actor,
        action="document.import",
        obj=document,
        changes=diff({}, doc_snapshot(document)),
        clock=clock,
    )
    transaction.on_commit(lambda: document_changed.send(sender=Document, document_id=document.pk))
    return document
