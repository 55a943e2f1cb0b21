"""Pieces shared by the 依申请公开 services: locking with a stale-state check, permission guards,
clock rows and text checks."""

from __future__ import annotations

import datetime as dt
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
from gongkai.disclosure import permissions
from gongkai.disclosure.choices import State
from gongkai.disclosure.clock import CaseClock, ClockRow, case_clock
from gongkai.disclosure.constants import MAX_REASON_CHARS, MAX_TEXT_CHARS
from gongkai.disclosure.lifecycle import ENDED_STATES, action_allowed
from gongkai.disclosure.models import ClockEvent, DisclosureRequest


def locked(case: DisclosureRequest) -> DisclosureRequest:
    """The case's row, locked and checked against the caller's copy (:func:`lock_checked`)."""
    return lock_checked(
        case,
        message=lambda fresh: (
            f"该申请已被其他工作人员处理（当前状态：{state_label(fresh.state)}），请刷新页面，核对后再操作。"
        ),
    )


def state_label(state: str) -> str:
    return str(State(state).label)


def require_transition(case: DisclosureRequest, action: str, what: str) -> None:
    if not action_allowed(case.state, action):
        raise IllegalTransition(f"申请当前状态为“{state_label(case.state)}”，不能{what}。")


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotPermitted(message)


def require_register(actor: Actor, case: DisclosureRequest) -> None:
    if actor.user is not None:
        _require(permissions.can_register(actor.user, case), "您无权登记或处理该申请。")


def require_assign(actor: Actor, case: DisclosureRequest) -> None:
    if actor.user is not None:
        _require(permissions.can_assign(actor.user, case), "只有公开办或单位管理员可以分办、转办申请。")


def require_handle(actor: Actor, case: DisclosureRequest) -> None:
    if actor.user is not None:
        unit = case.handling_unit.name
        _require(permissions.can_handle(actor.user, case), f"只有承办单位“{unit}”的工作人员可以办理该申请。")


def text(value: str, what: str, field: str, *, required: bool = True, limit: int = MAX_TEXT_CHARS) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(f"请填写{what}。", field=field)
    if len(value) > limit:
        raise InvalidInput(f"{what}不能超过{limit}字。", field=field)
    return value


def reason(value: str, what: str = "理由", field: str = "reason", *, required: bool = True) -> str:
    return text(value, what, field, required=required, limit=MAX_REASON_CHARS)


def day_not_future(value: dt.date, today: dt.date, what: str, field: str) -> dt.date:
    if value > today:
        raise InvalidInput(f"{what}不能晚于今天（{today.isoformat()}）。", field=field)
    return value


def clock_rows(case: DisclosureRequest) -> list[ClockRow]:
    return [
        ClockRow(
            kind=e.kind,
            date=e.date,
            working_days=e.working_days,
            cause=e.cause,
            date_party_received=e.date_party_received,
        )
        for e in sorted(case.clock_events.all(), key=lambda e: (e.at, e.pk))  # uses a prefetch if any
    ]


def current_clock(
    case: DisclosureRequest, clock: Clock, calendar: WorkdayCalendar | None = None
) -> CaseClock:
    return case_clock(
        clock_rows(case),
        calendar or get_calendar(),
        today=clock.today(),
        ended=case.state in ENDED_STATES,
    )


def add_event(case: DisclosureRequest, *, actor: Actor, clock: Clock, **fields: Any) -> ClockEvent:
    return ClockEvent.objects.create(
        request=case, by=actor.user, by_label=actor.label, at=clock.now(), **fields
    )


save = save_versioned


def record(
    *,
    actor: Actor,
    action: str,
    case: DisclosureRequest,
    clock: Clock,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """The audit row of a step; never carries the applicant's personal data."""
    audit_record(
        actor=actor,
        action=f"disclosure.{action}",
        obj=case,
        changes=changes,
        note=note,
        unit=case.handling_unit,
        clock=clock,
    )


def transition(
    case: DisclosureRequest,
    target: str,
    *,
    actor: Actor,
    action: str,
    clock: Clock,
    note: str = "",
    extra: dict[str, Any] | None = None,
    apply: Callable[[DisclosureRequest], None] | None = None,
) -> DisclosureRequest:
    """Move ``case`` to ``target`` (already checked), save and audit in the caller's transaction."""
    before = case.state
    if apply is not None:
        apply(case)
    case.state = target
    save(case, clock)
    changes: dict[str, Any] = {"state": [before, target]} if before != target else {}
    changes.update(extra or {})
    record(actor=actor, action=action, case=case, clock=clock, changes=changes, note=note)
    return case
