"""Pieces shared by the 一号答 services: locking with a stale-state check, guards, clock rows, audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import WorkdayCalendar
from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.core.versioned import ConcurrentChange as ConcurrentChange  # re-exported to the views
from gongkai.core.versioned import lock_checked, save_versioned
from gongkai.interaction import permissions
from gongkai.interaction.choices import State
from gongkai.interaction.clock import ClockRow, TicketClock, ticket_clock
from gongkai.interaction.constants import MAX_REASON_CHARS, MAX_TEXT_CHARS
from gongkai.interaction.lifecycle import action_allowed
from gongkai.interaction.models import Ticket, TicketClockEvent, TicketRouting
from gongkai.units.models import Unit


def locked(ticket: Ticket) -> Ticket:
    """The ticket's row, locked and checked against the caller's copy (:func:`lock_checked`)."""
    return lock_checked(
        ticket,
        message=lambda fresh: (
            f"该诉求已被其他工作人员处理（当前状态：{state_label(fresh.state)}），请刷新页面，核对后再操作。"
        ),
    )


def state_label(state: str) -> str:
    return str(State(state).label)


def require_transition(ticket: Ticket, action: str, what: str) -> None:
    if not action_allowed(ticket.state, action):
        raise IllegalTransition(f"诉求当前状态为“{state_label(ticket.state)}”，不能{what}。")


def require_dispatch(actor: Actor, ticket: Ticket) -> None:
    if actor.user is not None and not permissions.can_dispatch(actor.user, ticket):
        raise NotPermitted(f"只有受理单位“{ticket.hotline_unit.name}”的工作人员可以进行此操作。")


def require_handle(actor: Actor, ticket: Ticket) -> None:
    if actor.user is not None and not permissions.can_handle(actor.user, ticket):
        unit = ticket.current_unit.name if ticket.current_unit else ""
        raise NotPermitted(f"只有承办单位“{unit}”的工作人员可以办理该诉求。")


def require_target_unit(ticket: Ticket, unit: Unit) -> None:
    if not unit.is_active:
        raise InvalidInput(f"单位“{unit.name}”已停用。", field="unit")
    if not unit.is_within(ticket.hotline_unit):
        raise InvalidInput(f"承办单位须为“{ticket.hotline_unit.name}”或其下属单位。", field="unit")


def text(value: str, what: str, field: str, *, required: bool = True, limit: int = MAX_TEXT_CHARS) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(f"请填写{what}。", field=field)
    if len(value) > limit:
        raise InvalidInput(f"{what}不能超过{limit}字。", field=field)
    return value


def reason(value: str, what: str = "理由", field: str = "reason", *, required: bool = True) -> str:
    return text(value, what, field, required=required, limit=MAX_REASON_CHARS)


def clock_rows(ticket: Ticket) -> list[ClockRow]:
    return [
        ClockRow(kind=e.kind, date=e.date)
        for e in sorted(ticket.clock_events.all(), key=lambda e: (e.at, e.pk))
    ]


def current_clock(ticket: Ticket, clock: Clock, calendar: WorkdayCalendar | None = None) -> TicketClock:
    return ticket_clock(
        clock_rows(ticket), ticket.time_limit_working_days, calendar or get_calendar(), today=clock.today()
    )


def add_clock_event(ticket: Ticket, kind: str, *, actor: Actor, clock: Clock) -> TicketClockEvent:
    return TicketClockEvent.objects.create(
        ticket=ticket, kind=kind, date=clock.today(), by_label=actor.label, at=clock.now()
    )


def add_routing(
    ticket: Ticket,
    kind: str,
    *,
    actor: Actor,
    clock: Clock,
    from_unit: Unit | None,
    to_unit: Unit | None,
    why: str = "",
) -> TicketRouting:
    return TicketRouting.objects.create(
        ticket=ticket,
        kind=kind,
        from_unit=from_unit,
        to_unit=to_unit,
        reason=why,
        by=actor.user,
        by_label=actor.label,
        at=clock.now(),
    )


save = save_versioned


def record(
    *,
    actor: Actor,
    action: str,
    ticket: Ticket,
    clock: Clock,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """The audit row of a step; never carries the citizen's contact data."""
    audit_record(
        actor=actor,
        action=f"interaction.{action}",
        obj=ticket,
        changes=changes,
        note=note,
        unit=ticket.current_unit or ticket.hotline_unit,
        clock=clock,
    )


def transition(
    ticket: Ticket,
    target: str,
    *,
    actor: Actor,
    action: str,
    clock: Clock,
    note: str = "",
    extra: dict[str, Any] | None = None,
    apply: Callable[[Ticket], None] | None = None,
) -> Ticket:
    """Move ``ticket`` to ``target`` (already checked), save and audit in the caller's transaction."""
    before = ticket.state
    if apply is not None:
        apply(ticket)
    ticket.state = target
    save(ticket, clock)
    changes: dict[str, Any] = {"state": [before, target]} if before != target else {}
    changes.update(extra or {})
    record(actor=actor, action=action, ticket=ticket, clock=clock, changes=changes, note=note)
    return ticket
