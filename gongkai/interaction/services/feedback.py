"""回访 / 评价: the citizen's rating, one reopening (重办), and closing with the return-visit note.

All three are done by the hotline centre (which calls the citizen back) or by the system (a rating
the citizen gives online, ``Actor.system()``).
"""

from __future__ import annotations

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput
from gongkai.interaction.choices import ClockEventKind, Rating, State
from gongkai.interaction.models import Ticket
from gongkai.interaction.services.common import (
    add_clock_event,
    locked,
    reason,
    require_dispatch,
    require_transition,
    text,
    transition,
)


@transaction.atomic
def ticket_rate(
    *, actor: Actor, ticket: Ticket, rating: str, note: str = "", clock: Clock | None = None
) -> Ticket:
    """Record the citizen's rating of a replied ticket (may be corrected until it is closed)."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "rate", "评价")
    require_dispatch(actor, ticket)
    if rating not in Rating.values:
        raise InvalidInput("请选择评价（满意、基本满意或不满意）。", field="rating")
    opinion = reason(note, "评价意见", "note", required=False)
    before = ticket.rating

    def apply(t: Ticket) -> None:
        t.rating, t.rating_note = rating, opinion

    return transition(
        ticket,
        State.REPLIED,
        actor=actor,
        action="rate",
        clock=clock,
        extra={"rating": [before, rating]},
        apply=apply,
    )


@transaction.atomic
def ticket_reopen(*, actor: Actor, ticket: Ticket, reason: str, clock: Clock | None = None) -> Ticket:
    """Replied → handling again at the same unit, once; the time limit restarts with a full period."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "reopen", "重办")
    require_dispatch(actor, ticket)
    if ticket.reopened:
        raise IllegalTransition("该诉求已重办过一次，不能再次重办。")
    why = _reason(reason)
    add_clock_event(ticket, ClockEventKind.RESTART, actor=actor, clock=clock)

    def apply(t: Ticket) -> None:
        t.reopened, t.reopen_reason = True, why
        t.reply_text, t.date_replied = "", None
        t.rating, t.rating_note = "", ""

    return transition(
        ticket,
        State.HANDLING,
        actor=actor,
        action="reopen",
        clock=clock,
        note=why,
        extra={"reopened": True},
        apply=apply,
    )


@transaction.atomic
def ticket_close(*, actor: Actor, ticket: Ticket, visit_note: str, clock: Clock | None = None) -> Ticket:
    """Replied → closed with the return-visit note (the rating may be missing: citizen not reached)."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "close", "办结")
    require_dispatch(actor, ticket)
    note = text(visit_note, "回访记录", "visit_note", limit=1000)

    def apply(t: Ticket) -> None:
        t.return_visit_note, t.date_closed = note, clock.today()

    return transition(
        ticket,
        State.CLOSED,
        actor=actor,
        action="close",
        clock=clock,
        extra={"rating": ticket.rating or "未评价"},
        apply=apply,
    )


def _reason(value: str) -> str:
    return reason(value, "重办理由")
