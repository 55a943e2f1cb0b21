"""待复核: mark public entries whose review date has passed or whose linked document lapsed, and clear
the mark when that is no longer so. Called by the daily job; the flag is not content, so it neither
bumps the entry's ``version`` nor re-indexes it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.knowledge.choices import StaleReason
from gongkai.knowledge.models import KnowledgeEntry
from gongkai.knowledge.selectors import entries_public, lapsed_documents, stale_reason_for
from gongkai.knowledge.services.common import record


@dataclass
class StaleResult:
    flagged: int = 0
    cleared: int = 0


@transaction.atomic
def entries_flag_stale(*, actor: Actor | None = None, clock: Clock | None = None) -> StaleResult:
    """Flag (and audit) every public entry that became stale; clear flags that no longer apply."""
    clock = clock or get_clock()
    actor = actor or Actor.system()
    today = clock.today()
    result = StaleResult()
    lapsed = set(lapsed_documents().values_list("pk", flat=True))
    entries = entries_public().prefetch_related("documents")
    for entry in entries:
        why, note = stale_reason_for(entry, today=today, lapsed_ids=lapsed)
        if why and (why != entry.stale_reason or note != entry.stale_note):
            KnowledgeEntry.objects.filter(pk=entry.pk).update(
                stale_reason=why, stale_note=note, date_flagged_stale=entry.date_flagged_stale or today
            )
            record(
                actor=actor,
                action="flag_stale",
                entry=entry,
                clock=clock,
                changes={"stale_reason": [entry.stale_reason, why]},
                note=f"{StaleReason(why).label}：{note}",
            )
            result.flagged += 1
        elif not why and entry.stale_reason:
            KnowledgeEntry.objects.filter(pk=entry.pk).update(
                stale_reason="", stale_note="", date_flagged_stale=None
            )
            record(
                actor=actor,
                action="unflag_stale",
                entry=entry,
                clock=clock,
                changes={"stale_reason": [entry.stale_reason, ""]},
            )
            result.cleared += 1
    return result
