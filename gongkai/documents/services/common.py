"""Pieces shared by the document services."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from gongkai.accounts import permissions
from gongkai.core.audit import snapshot
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, NotPermitted
from gongkai.documents.docnumber import parse_doc_number
from gongkai.documents.lifecycle import can_transition
from gongkai.documents.models import Document, DocumentVersion, IndexSequence
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from gongkai.documents.services.inputs import DocumentInput

SNAPSHOT_FIELDS = [
    "title", "doc_number", "issuer", "date_written", "date_formed", "topic", "genre", "disclosure",
    "withholding_reason", "disclosure_method", "validity", "date_validity_changed", "keywords", "summary",
    "body", "status", "index_number", "published_at", "scheduled_at",
]  # fmt: skip


def require_write(actor: Actor, unit: Unit) -> None:
    if actor.user is None:
        return  # the system itself (imports, scheduled jobs)
    if not permissions.can_write(actor.user, unit):
        raise NotPermitted(f"您无权处理“{unit.name}”的文件。")


def require_review(actor: Actor, unit: Unit) -> None:
    if actor.user is None:
        return
    if not permissions.can_review(actor.user, unit):
        raise NotPermitted(f"只有“{unit.name}”的单位管理员或公开办可以审核、发布或撤回文件。")


def require_transition(document: Document, target: str) -> None:
    if not can_transition(document.status, target):
        raise IllegalTransition(
            f"文件当前状态为“{document.get_status_display()}”，不能执行此操作。"  # type: ignore[attr-defined]
        )


def doc_snapshot(document: Document) -> dict[str, Any]:
    return snapshot(document, SNAPSHOT_FIELDS)


def next_index_number(unit: Unit, year: int) -> str:
    """``<unit code>/<year>-<5-digit serial>`` (reference §7.2); serial taken under a row lock."""
    seq, _ = IndexSequence.objects.select_for_update().get_or_create(unit=unit, year=year)
    seq.last_serial += 1
    seq.save(update_fields=["last_serial"])
    return f"{unit.code}/{year}-{seq.last_serial:05d}"


def record_version(document: Document, *, actor: Actor, at: dt.datetime, note: str) -> DocumentVersion:
    return DocumentVersion.objects.create(
        document=document,
        version=document.version,
        snapshot=doc_snapshot(document),
        change_note=note,
        changed_by=actor.user,
        changed_at=at,
    )


_INPUT_FIELDS = [
    "title", "body", "date_written", "topic", "genre", "doc_number", "issuer", "date_formed", "disclosure",
    "withholding_reason", "disclosure_method", "keywords", "summary", "scheduled_at", "is_synthetic",
]  # fmt: skip


def apply_input(document: Document, data: DocumentInput) -> None:
    """Copy validated input onto the document, splitting the 发文字号 into its parts."""
    for name in _INPUT_FIELDS:
        setattr(document, name, getattr(data, name))
    parsed = parse_doc_number(data.doc_number) if data.doc_number else None
    if parsed:
        document.doc_number_org, document.doc_number_year, document.doc_number_seq = (
            parsed.org,
            parsed.year,
            parsed.seq,
        )
    else:
        document.doc_number_org, document.doc_number_year, document.doc_number_seq = "", None, None
    document.issuer = data.issuer or document.unit.name
    document.date_formed = data.date_formed or data.date_written
