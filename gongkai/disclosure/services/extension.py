"""延期 (art. 33 ¶2): at most 20 working days in all, approved by the head of the disclosure office."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.disclosure import permissions
from gongkai.disclosure.choices import ClockEventKind
from gongkai.disclosure.clock import AWAITING_CORRECTION, NOT_STARTED, extension_total
from gongkai.disclosure.constants import MAX_EXTENSION_WORKING_DAYS
from gongkai.disclosure.lifecycle import EXTENDABLE_STATES
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services.common import (
    add_event,
    clock_rows,
    current_clock,
    day_not_future,
    locked,
    reason,
    record,
    require_handle,
    save,
    state_label,
)


@transaction.atomic
def request_extend(
    *,
    actor: Actor,
    case: DisclosureRequest,
    working_days: int,
    reason: str,
    approved_by: User,
    date_approved: dt.date | None = None,
    clock: Clock | None = None,
) -> DisclosureRequest:
    """Add ``working_days`` to the reply period; the applicant must be told (the letter comes later)."""
    clock = clock or get_clock()
    today = clock.today()
    case = locked(case)
    require_handle(actor, case)
    if case.state not in EXTENDABLE_STATES:
        raise IllegalTransition(f"申请当前状态为“{state_label(case.state)}”，不能延期。")
    if not permissions.can_approve_extension(approved_by, case):
        raise NotPermitted("延期须经政府信息公开工作机构负责人（公开办或单位管理员）同意。")
    why = _reason(reason)
    granted = extension_total(clock_rows(case))
    left = MAX_EXTENSION_WORKING_DAYS - granted
    if working_days < 1 or working_days > left:
        raise InvalidInput(
            f"延长期限最长不超过{MAX_EXTENSION_WORKING_DAYS}个工作日，已延长{granted}个工作日，"
            f"本次最多还可延长{left}个工作日。",
            field="working_days",
        )
    date_approved = day_not_future(date_approved or today, today, "批准日期", "date_approved")
    state = current_clock(case, clock)
    if state.phase in {NOT_STARTED, AWAITING_CORRECTION}:
        raise IllegalTransition("答复期限尚未起算（或正在等待补正），无需延期。")
    if state.reply_due is not None and date_approved > state.reply_due.date:
        raise IllegalTransition(f"答复期限已于{state.reply_due.date.isoformat()}届满，不能再延期。")
    add_event(
        case,
        actor=actor,
        clock=clock,
        kind=ClockEventKind.EXTENSION,
        date=date_approved,
        working_days=working_days,
        approved_by=approved_by,
        reason=why,
    )
    save(case, clock)
    record(
        actor=actor,
        action="extend",
        case=case,
        clock=clock,
        changes={
            "extension_working_days": [granted, granted + working_days],
            "approved_by": str(approved_by),
        },
        note=why,
    )
    return case


def _reason(value: str) -> str:
    return reason(value, "延期理由")
