"""补正 (art. 30): one notice in full within 7 working days; the clock restarts at the corrected
receipt; no correction in time → deemed withdrawn (table 三 （六）1)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput
from gongkai.disclosure.choices import ClockEventKind, ReplyReason, ReplyType, State
from gongkai.disclosure.constants import (
    CORRECTION_NOTICE_WORKING_DAYS,
    DEFAULT_CORRECTION_PERIOD_WORKING_DAYS,
    MAX_CORRECTION_PERIOD_WORKING_DAYS,
)
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services.common import (
    add_event,
    current_clock,
    day_not_future,
    locked,
    reason,
    require_register,
    require_transition,
    text,
    transition,
)


@transaction.atomic
def request_correction_notice(
    *,
    actor: Actor,
    case: DisclosureRequest,
    items: str,
    period_working_days: int = DEFAULT_CORRECTION_PERIOD_WORKING_DAYS,
    date_notice: dt.date | None = None,
    date_applicant_received: dt.date | None = None,
    clock: Clock | None = None,
) -> DisclosureRequest:
    """Registered → correction requested: tell the applicant once and in full what to correct."""
    clock = clock or get_clock()
    today = clock.today()
    case = locked(case)
    require_register(actor, case)
    if case.clock_events.filter(kind=ClockEventKind.CORRECTION_NOTICE).exists():
        raise IllegalTransition("补正告知应一次性发出，该申请已告知过补正，不能再次告知。")
    require_transition(case, "correction_notice", "告知补正")
    items = text(items, "需要补正的事项", "items")
    if not 1 <= period_working_days <= MAX_CORRECTION_PERIOD_WORKING_DAYS:
        raise InvalidInput(
            f"补正期限应为1至{MAX_CORRECTION_PERIOD_WORKING_DAYS}个工作日。", field="period_working_days"
        )
    date_notice = day_not_future(date_notice or today, today, "告知日期", "date_notice")
    assert case.date_received is not None
    if date_notice < case.date_received:
        raise InvalidInput("告知日期不能早于收到申请之日。", field="date_notice")
    limit = current_clock(case, clock).correction_notice_due
    assert limit is not None
    if date_notice > limit.date:
        raise InvalidInput(
            f"已超过补正告知期限：应在收到申请后{CORRECTION_NOTICE_WORKING_DAYS}个工作日内"
            f"（{limit.date.isoformat()}前）告知，请直接办理并答复。",
            field="date_notice",
        )
    if date_applicant_received is not None and date_applicant_received < date_notice:
        raise InvalidInput("申请人收到告知的日期不能早于告知日期。", field="date_applicant_received")
    add_event(
        case,
        actor=actor,
        clock=clock,
        kind=ClockEventKind.CORRECTION_NOTICE,
        date=date_notice,
        date_party_received=date_applicant_received,
        working_days=period_working_days,
        reason=items,
    )

    def apply(c: DisclosureRequest) -> None:
        c.correction_items = items

    return transition(
        case,
        State.CORRECTION_REQUESTED,
        actor=actor,
        action="correction_notice",
        clock=clock,
        extra={"date_notice": date_notice, "period_working_days": period_working_days},
        apply=apply,
    )


@transaction.atomic
def request_correction_receive(
    *,
    actor: Actor,
    case: DisclosureRequest,
    date_corrected: dt.date,
    corrected_text: str,
    late_reason: str = "",
    clock: Clock | None = None,
) -> DisclosureRequest:
    """Correction requested → corrected: the reply period restarts from ``date_corrected``."""
    clock = clock or get_clock()
    case = locked(case)
    require_register(actor, case)
    require_transition(case, "correction_receive", "登记补正")
    day_not_future(date_corrected, clock.today(), "收到补正之日", "date_corrected")
    notice = case.clock_events.filter(kind=ClockEventKind.CORRECTION_NOTICE).latest("at", "id")
    if date_corrected < notice.date:
        raise InvalidInput("收到补正之日不能早于补正告知日期。", field="date_corrected")
    corrected_text = text(corrected_text, "补正内容", "corrected_text")
    due = current_clock(case, clock).correction_due
    note = ""
    if due is not None and date_corrected > due.date:
        note = reason(late_reason, "逾期补正的正当理由", "late_reason")
    add_event(
        case,
        actor=actor,
        clock=clock,
        kind=ClockEventKind.RESTART_AFTER_CORRECTION,
        date=date_corrected,
        reason=note or "申请人补正，答复期限自收到补正之日起重新计算",
    )

    def apply(c: DisclosureRequest) -> None:
        c.corrected_text = corrected_text

    return transition(
        case,
        State.CORRECTED,
        actor=actor,
        action="correction_receive",
        clock=clock,
        note=note,
        extra={"date_corrected": date_corrected},
        apply=apply,
    )


@transaction.atomic
def request_deem_withdrawn(
    *, actor: Actor, case: DisclosureRequest, clock: Clock | None = None
) -> DisclosureRequest:
    """Correction requested → deemed withdrawn, once the applicant's correction period is over."""
    clock = clock or get_clock()
    case = locked(case)
    require_register(actor, case)
    require_transition(case, "deem_withdrawn", "视为放弃申请")
    due = current_clock(case, clock).correction_due
    assert due is not None
    if clock.today() <= due.date:
        raise InvalidInput(f"补正期限至{due.date.isoformat()}，期限届满后才能视为放弃申请。")

    def apply(c: DisclosureRequest) -> None:
        c.reply_type, c.reply_reason = ReplyType.OTHER, ReplyReason.NO_CORRECTION
        c.date_replied = clock.today()

    return transition(
        case,
        State.DEEMED_WITHDRAWN,
        actor=actor,
        action="deem_withdrawn",
        clock=clock,
        extra={"reply_reason": ReplyReason.NO_CORRECTION},
        apply=apply,
    )
