"""转办 (dispatch to a unit) and 改派 (transfer to another unit), by the hotline centre."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.interaction.choices import ClockEventKind, RoutingKind, State
from gongkai.interaction.models import Ticket
from gongkai.interaction.services.common import (
    add_clock_event,
    add_routing,
    locked,
    reason,
    require_dispatch,
    require_target_unit,
    require_transition,
    transition,
)
from gongkai.units.models import Unit


@transaction.atomic
def ticket_dispatch(
    *, actor: Actor, ticket: Ticket, unit: Unit, note: str = "", clock: Clock | None = None
) -> Ticket:
    """Received / returned → dispatched to ``unit``. The first dispatch starts the clock; a dispatch
    after a return resumes it."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "dispatch", "转办")
    require_dispatch(actor, ticket)
    require_target_unit(ticket, unit)
    why = reason(note, "转办说明", required=False)
    before = ticket.current_unit
    add_clock_event(
        ticket,
        ClockEventKind.START if ticket.state == State.RECEIVED else ClockEventKind.RESUME,
        actor=actor,
        clock=clock,
    )
    add_routing(
        ticket, RoutingKind.DISPATCH, actor=actor, clock=clock, from_unit=before, to_unit=unit, why=why
    )

    def apply(t: Ticket) -> None:
        t.current_unit, t.handler = unit, None

    return transition(
        ticket,
        State.DISPATCHED,
        actor=actor,
        action="dispatch",
        clock=clock,
        note=why,
        extra={"current_unit": [before.name if before else "", unit.name]},
        apply=apply,
    )


@transaction.atomic
def ticket_transfer(
    *, actor: Actor, ticket: Ticket, unit: Unit, reason: str, clock: Clock | None = None
) -> Ticket:
    """Dispatched / signed / handling → dispatched to another unit (reason required); the clock runs on."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "transfer", "改派")
    require_dispatch(actor, ticket)
    require_target_unit(ticket, unit)
    why = _reason(reason)
    before = ticket.current_unit
    if before is not None and before.pk == unit.pk:
        raise InvalidInput("改派的单位与当前承办单位相同。", field="unit")
    add_routing(
        ticket, RoutingKind.TRANSFER, actor=actor, clock=clock, from_unit=before, to_unit=unit, why=why
    )

    def apply(t: Ticket) -> None:
        t.current_unit, t.handler = unit, None

    return transition(
        ticket,
        State.DISPATCHED,
        actor=actor,
        action="transfer",
        clock=clock,
        note=why,
        extra={"current_unit": [before.name if before else "", unit.name]},
        apply=apply,
    )


def _reason(value: str) -> str:
    return reason(value, "改派理由")
