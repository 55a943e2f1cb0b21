"""撰写: create, edit the working version, submit for review, revise a published or expired entry."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.knowledge.choices import EntryState
from gongkai.knowledge.models import KnowledgeEntry
from gongkai.knowledge.services.common import (
    CleanInput,
    EntryInput,
    apply_face,
    clean_input,
    locked,
    new_version,
    record,
    require_transition,
    require_unit,
    require_write,
    save,
    version_input,
)
from gongkai.units.models import Unit


def create_entry(
    *,
    actor: Actor,
    unit: Unit,
    clean: CleanInput,
    clock: Clock,
    is_demo: bool = False,
    source_ticket: Any = None,
    action: str = "create",
    note: str = "",
) -> KnowledgeEntry:
    """The shared body of ``entry_create`` and ``entry_propose_from_ticket`` (caller's transaction)."""
    now = clock.now()
    entry = KnowledgeEntry.objects.create(
        unit=unit,
        state=EntryState.DRAFT,
        question=clean.question,
        is_demo=is_demo,
        source_ticket=source_ticket,
        created_by=actor.user,
        created_at=now,
        updated_at=now,
    )
    version = new_version(entry, clean, actor=actor, clock=clock)
    apply_face(entry, version)
    entry.save()
    record(
        actor=actor,
        action=action,
        entry=entry,
        clock=clock,
        changes={"state": [None, EntryState.DRAFT], "version_number": [None, version.number]},
        note=note,
    )
    return entry


@transaction.atomic
def entry_create(
    *,
    actor: Actor,
    unit: Unit,
    data: EntryInput,
    is_demo: bool = False,
    clock: Clock | None = None,
) -> KnowledgeEntry:
    """A draft entry owned by ``unit``, with its first version."""
    clock = clock or get_clock()
    require_unit(unit)
    require_write(actor, unit)
    clean = clean_input(actor, data)
    return create_entry(actor=actor, unit=unit, clean=clean, clock=clock, is_demo=is_demo)


@transaction.atomic
def entry_edit(
    *, actor: Actor, entry: KnowledgeEntry, data: EntryInput, clock: Clock | None = None
) -> KnowledgeEntry:
    """Save the draft as a new working version (versions are never changed in place)."""
    clock = clock or get_clock()
    entry = locked(entry)
    require_transition(entry, "edit", "修改")
    require_write(actor, entry.unit)
    clean = clean_input(actor, data)
    before = entry.current_version
    version = new_version(entry, clean, actor=actor, clock=clock)
    if entry.published_version_id is None:
        apply_face(entry, version)  # never published: the working version is also the entry's face
    save(entry, clock)
    changes: dict[str, Any] = {"version_number": [before.number if before else None, version.number]}
    if before is not None and before.question != version.question:
        changes["question"] = [before.question, version.question]
    if before is not None and before.answer_html != version.answer_html:
        changes["answer"] = ["（已修改）", f"v{version.number}"]
    record(actor=actor, action="edit", entry=entry, clock=clock, changes=changes, note=clean.note)
    return entry


@transaction.atomic
def entry_submit(*, actor: Actor, entry: KnowledgeEntry, clock: Clock | None = None) -> KnowledgeEntry:
    """Draft → in review."""
    clock = clock or get_clock()
    entry = locked(entry)
    require_transition(entry, "submit", "提交审核")
    require_write(actor, entry.unit)
    entry.state = EntryState.IN_REVIEW
    entry.submitted_by = actor.user
    entry.review_note = ""
    save(entry, clock)
    record(
        actor=actor,
        action="submit",
        entry=entry,
        clock=clock,
        changes={"state": [EntryState.DRAFT, EntryState.IN_REVIEW]},
    )
    return entry


@transaction.atomic
def entry_revise(
    *, actor: Actor, entry: KnowledgeEntry, note: str = "", clock: Clock | None = None
) -> KnowledgeEntry:
    """Published or expired → draft, with a new working version copied from the last one. A published
    entry stays public with its published version until the revision is approved."""
    clock = clock or get_clock()
    entry = locked(entry)
    require_transition(entry, "revise", "修订")
    require_write(actor, entry.unit)
    source = entry.current_version
    if source is None:  # pragma: no cover - every entry has a version
        raise ValueError("entry without a version")
    before = entry.state
    base = version_input(source, actor)
    clean = clean_input(
        actor,
        EntryInput(**{**base.__dict__, "note": note or f"修订（复制自第{source.number}版）"}),
    )
    version = new_version(entry, clean, actor=actor, clock=clock)
    if entry.published_version_id is None:
        apply_face(entry, version)
    entry.state = EntryState.DRAFT
    entry.submitted_by = None
    save(entry, clock)
    record(
        actor=actor,
        action="revise",
        entry=entry,
        clock=clock,
        changes={"state": [before, EntryState.DRAFT], "version_number": [source.number, version.number]},
        note=clean.note,
    )
    return entry
