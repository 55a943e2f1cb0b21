"""办理 (start handling) and 反馈 (reply) by the current unit."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.interaction.choices import ClockEventKind, State
from gongkai.interaction.models import Ticket
from gongkai.interaction.services.common import (
    add_clock_event,
    locked,
    require_handle,
    require_transition,
    text,
    transition,
)


@transaction.atomic
def ticket_start(*, actor: Actor, ticket: Ticket, clock: Clock | None = None) -> Ticket:
    """Signed → handling."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "start", "开始办理")
    require_handle(actor, ticket)

    def apply(t: Ticket) -> None:
        if t.handler is None and actor.user is not None:
            t.handler = actor.user

    return transition(ticket, State.HANDLING, actor=actor, action="start", clock=clock, apply=apply)


@transaction.atomic
def ticket_reply(*, actor: Actor, ticket: Ticket, reply_text: str, clock: Clock | None = None) -> Ticket:
    """Handling → replied; the clock stops."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "reply", "反馈")
    require_handle(actor, ticket)
    body = text(reply_text, "反馈内容", "reply_text")
    add_clock_event(ticket, ClockEventKind.STOP, actor=actor, clock=clock)

    def apply(t: Ticket) -> None:
        t.reply_text, t.date_replied = body, clock.today()

    return transition(
        ticket,
        State.REPLIED,
        actor=actor,
        action="reply",
        clock=clock,
        extra={"date_replied": clock.today()},
        apply=apply,
    )
