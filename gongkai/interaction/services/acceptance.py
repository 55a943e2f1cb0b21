"""签收 (sign for) or 退回 (return, with a reason) by the unit a ticket was dispatched to."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.interaction.choices import ClockEventKind, RoutingKind, State
from gongkai.interaction.models import Ticket
from gongkai.interaction.services.common import (
    add_clock_event,
    add_routing,
    locked,
    reason,
    require_handle,
    require_transition,
    transition,
)


@transaction.atomic
def ticket_sign(*, actor: Actor, ticket: Ticket, clock: Clock | None = None) -> Ticket:
    """Dispatched → signed; the signing user becomes the handler."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "sign", "签收")
    require_handle(actor, ticket)

    def apply(t: Ticket) -> None:
        t.handler = actor.user

    return transition(ticket, State.SIGNED, actor=actor, action="sign", clock=clock, apply=apply)


@transaction.atomic
def ticket_return(*, actor: Actor, ticket: Ticket, reason: str, clock: Clock | None = None) -> Ticket:
    """Dispatched → returned to the hotline centre (not our matter); the clock pauses until re-dispatch."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "return", "退回")
    require_handle(actor, ticket)
    why = _reason(reason)
    unit = ticket.current_unit
    add_clock_event(ticket, ClockEventKind.PAUSE, actor=actor, clock=clock)
    add_routing(
        ticket,
        RoutingKind.RETURN,
        actor=actor,
        clock=clock,
        from_unit=unit,
        to_unit=ticket.hotline_unit,
        why=why,
    )
    return transition(
        ticket,
        State.RETURNED,
        actor=actor,
        action="return",
        clock=clock,
        note=why,
        extra={"returned_by_unit": unit.name if unit else ""},
    )


def _reason(value: str) -> str:
    return reason(value, "退回理由")
