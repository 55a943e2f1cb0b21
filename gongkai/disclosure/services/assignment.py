"""分办 / 转办 (assign and transfer within the organ) and taking a case into handling."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from gongkai.accounts import permissions as base
from gongkai.accounts.models import User
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.disclosure.choices import State
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services.common import (
    locked,
    reason,
    require_assign,
    require_handle,
    require_transition,
    transition,
)
from gongkai.units.models import Unit


def _assign(
    case: DisclosureRequest,
    *,
    actor: Actor,
    unit: Unit,
    handler: User | None,
    why: str,
    clock: Clock,
) -> DisclosureRequest:
    case = locked(case)
    require_assign(actor, case)
    require_transition(case, "assign", "分办")
    if not unit.is_active or not unit.is_within(case.addressee_unit):
        raise InvalidInput(f"承办单位须为“{case.addressee_unit.name}”或其下属单位。", field="unit")
    if handler is not None and (
        handler.unit_id != unit.pk or not handler.is_active or not base.can_write(handler, unit)
    ):
        raise InvalidInput("承办人须为承办单位在岗的工作人员。", field="handler")
    transfer = case.state in {State.ASSIGNED, State.IN_HANDLING}
    why = reason(why, "转办理由", required=transfer)
    before_unit = case.assigned_unit.name if case.assigned_unit else ""
    before_handler = str(case.assigned_handler or "")

    def apply(c: DisclosureRequest) -> None:
        c.assigned_unit, c.assigned_handler = unit, handler

    return transition(
        case,
        State.ASSIGNED,
        actor=actor,
        action="transfer" if transfer else "assign",
        clock=clock,
        note=why,
        extra={
            "assigned_unit": [before_unit, unit.name],
            "assigned_handler": [before_handler, str(handler or "")],
        },
        apply=apply,
    )


@transaction.atomic
def request_assign(
    *,
    actor: Actor,
    case: DisclosureRequest,
    unit: Unit,
    handler: User | None = None,
    reason: str = "",
    clock: Clock | None = None,
) -> DisclosureRequest:
    """Registered/corrected → assigned; or transfer an assigned / in-handling case (reason required)."""
    return _assign(case, actor=actor, unit=unit, handler=handler, why=reason, clock=clock or get_clock())


@transaction.atomic
def request_assign_bulk(
    *,
    actor: Actor,
    cases: Sequence[DisclosureRequest],
    unit: Unit,
    handler: User | None = None,
    reason: str = "",
    clock: Clock | None = None,
) -> list[DisclosureRequest]:
    """Assign several cases at once: all of them or, if one is refused, none."""
    if not cases:
        raise InvalidInput("请选择要分办的申请。", field="cases")
    clock = clock or get_clock()
    return [
        _assign(c, actor=actor, unit=unit, handler=handler, why=reason, clock=clock)
        for c in sorted(cases, key=lambda c: c.pk)  # one lock order: no deadlock between two bulk runs
    ]


@transaction.atomic
def request_start_handling(
    *, actor: Actor, case: DisclosureRequest, clock: Clock | None = None
) -> DisclosureRequest:
    """Registered / corrected / assigned → in handling; the actor becomes the handler if none is set."""
    clock = clock or get_clock()
    case = locked(case)
    require_handle(actor, case)
    require_transition(case, "start_handling", "开始办理")

    def apply(c: DisclosureRequest) -> None:
        if c.assigned_unit is None:
            c.assigned_unit = c.addressee_unit
        if c.assigned_handler is None and actor.user is not None:
            c.assigned_handler = actor.user

    return transition(case, State.IN_HANDLING, actor=actor, action="start_handling", clock=clock, apply=apply)
