"""审核: approve (publish), reject back to draft, expire (take off every channel)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import NotPermitted
from gongkai.knowledge import permissions
from gongkai.knowledge.choices import EntryState
from gongkai.knowledge.constants import DEFAULT_REVIEW_DAYS
from gongkai.knowledge.models import KnowledgeEntry
from gongkai.knowledge.services.common import (
    apply_face,
    locked,
    reason,
    record,
    require_review,
    require_transition,
    save,
)


def _clear_stale(entry: KnowledgeEntry) -> None:
    entry.stale_reason = ""
    entry.stale_note = ""
    entry.date_flagged_stale = None


@transaction.atomic
def entry_approve(*, actor: Actor, entry: KnowledgeEntry, clock: Clock | None = None) -> KnowledgeEntry:
    """In review → published: the working version becomes what the portal, console and kiosk show.
    Four-eyes: whoever wrote the working version or submitted it cannot approve it."""
    clock = clock or get_clock()
    entry = locked(entry)
    require_transition(entry, "approve", "审核发布")
    require_review(actor, entry.unit)
    if actor.user is not None and permissions.is_author(actor.user, entry):
        raise NotPermitted("撰写或提交人不能审核自己的知识条目，请由本单位其他管理员审核。")
    version = entry.current_version
    if version is None:  # pragma: no cover - every entry has a version
        raise ValueError("entry without a version")
    before_number = entry.published_version.number if entry.published_version else None
    entry.published_version = version
    apply_face(entry, version)
    if entry.date_review_by is None:
        entry.date_review_by = clock.today() + dt.timedelta(days=DEFAULT_REVIEW_DAYS)
    entry.state = EntryState.PUBLISHED
    entry.published_at = clock.now()
    entry.review_note = ""
    _clear_stale(entry)
    save(entry, clock)
    record(
        actor=actor,
        action="approve",
        entry=entry,
        clock=clock,
        changes={
            "state": [EntryState.IN_REVIEW, EntryState.PUBLISHED],
            "published_version": [before_number, version.number],
            "date_review_by": entry.date_review_by,
        },
    )
    return entry


@transaction.atomic
def entry_reject(
    *, actor: Actor, entry: KnowledgeEntry, reason_text: str, clock: Clock | None = None
) -> KnowledgeEntry:
    """In review → draft, with the reason shown to the author."""
    clock = clock or get_clock()
    entry = locked(entry)
    require_transition(entry, "reject", "退回")
    require_review(actor, entry.unit)
    why = reason(reason_text, "退回理由")
    entry.state = EntryState.DRAFT
    entry.review_note = why
    entry.submitted_by = None
    save(entry, clock)
    record(
        actor=actor,
        action="reject",
        entry=entry,
        clock=clock,
        changes={"state": [EntryState.IN_REVIEW, EntryState.DRAFT]},
        note=why,
    )
    return entry


@transaction.atomic
def entry_expire(
    *, actor: Actor, entry: KnowledgeEntry, reason_text: str, clock: Clock | None = None
) -> KnowledgeEntry:
    """→ expired: off the portal, the console, the kiosk and the search index. Its versions stay."""
    clock = clock or get_clock()
    entry = locked(entry)
    require_transition(entry, "expire", "设为失效")
    require_review(actor, entry.unit)
    why = reason(reason_text, "失效理由")
    before = entry.state
    withdrawn = entry.published_version.number if entry.published_version else None
    entry.state = EntryState.EXPIRED
    entry.published_version = None
    entry.review_note = why
    _clear_stale(entry)
    save(entry, clock)
    record(
        actor=actor,
        action="expire",
        entry=entry,
        clock=clock,
        changes={"state": [before, EntryState.EXPIRED], "published_version": [withdrawn, None]},
        note=why,
    )
    return entry
