"""信息处理费 (art. 42, 国办函〔2020〕109号): notice (clock paused), payment, or deemed abandoned."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.disclosure.choices import ClockEventKind, FeeMethod, PauseCause, ReplyReason, ReplyType, State
from gongkai.disclosure.constants import MAX_FEE_PAGES
from gongkai.disclosure.fees import fee_per_page_fen, fee_per_request_fen, yuan
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services.common import (
    add_event,
    current_clock,
    day_not_future,
    locked,
    reason,
    require_handle,
    require_transition,
    transition,
)


def applicant_month_ordinal(case: DisclosureRequest) -> int:
    """Which of the applicant's requests received this calendar month this one is (1-based)."""
    assert case.date_received is not None
    d = case.date_received
    return (
        DisclosureRequest.objects.filter(
            applicant_key=case.applicant_key,
            date_received__year=d.year,
            date_received__month=d.month,
        )
        .filter(Q(date_received__lt=d) | Q(date_received=d, pk__lte=case.pk))
        .count()
    )


def fee_quote(case: DisclosureRequest, *, method: str, pages: int | None) -> tuple[int, int | None]:
    """``(amount in 分, ordinal in month or None)`` for a method; raises ``InvalidInput`` on bad input."""
    if method == FeeMethod.PER_REQUEST:
        ordinal = applicant_month_ordinal(case)
        return fee_per_request_fen(ordinal), ordinal
    if method == FeeMethod.PER_PAGE:
        if pages is None or not 1 <= pages <= MAX_FEE_PAGES:
            raise InvalidInput("按量计收请填写页数。", field="pages")
        return fee_per_page_fen(pages), None
    raise InvalidInput("请选择收费方式（按件或按量，二者只能选其一）。", field="method")


@transaction.atomic
def request_fee_notice(
    *,
    actor: Actor,
    case: DisclosureRequest,
    method: str,
    reason: str,
    pages: int | None = None,
    date_notice: dt.date | None = None,
    date_notice_received: dt.date | None = None,
    clock: Clock | None = None,
) -> DisclosureRequest:
    """In handling → fee notice: the amount follows the national rules; the reply clock stops."""
    clock = clock or get_clock()
    today = clock.today()
    case = locked(case)
    require_handle(actor, case)
    require_transition(case, "fee_notice", "发出收费通知")
    why = reason_text(reason)
    amount, ordinal = fee_quote(case, method=method, pages=pages)
    if amount == 0:
        detail = f"本月第{ordinal}件" if ordinal is not None else f"{pages}页"
        raise InvalidInput(f"按规定该申请无需收费（{detail}，在免费范围内）。", field="method")
    date_notice = day_not_future(date_notice or today, today, "通知日期", "date_notice")
    start = current_clock(case, clock).date_start
    if start is not None and date_notice < start:
        raise InvalidInput("通知日期不能早于答复期限的起算日。", field="date_notice")
    if date_notice_received is not None and date_notice_received < date_notice:
        raise InvalidInput("申请人收到通知的日期不能早于通知日期。", field="date_notice_received")
    add_event(
        case,
        actor=actor,
        clock=clock,
        kind=ClockEventKind.PAUSE,
        cause=PauseCause.FEE,
        date=date_notice,
        date_party_received=date_notice_received,
        reason=why,
    )

    def apply(c: DisclosureRequest) -> None:
        c.fee_method, c.fee_pages, c.fee_ordinal, c.fee_amount_fen = method, pages, ordinal, amount

    return transition(
        case,
        State.FEE_NOTICE,
        actor=actor,
        action="fee_notice",
        clock=clock,
        note=why,
        extra={"fee_method": method, "fee_yuan": yuan(amount), "pages": pages, "ordinal_in_month": ordinal},
        apply=apply,
    )


def reason_text(value: str) -> str:
    return reason(value, "收费理由（申请数量、频次明显超过合理范围的情况）")


@transaction.atomic
def request_fee_paid(
    *, actor: Actor, case: DisclosureRequest, date_paid: dt.date, clock: Clock | None = None
) -> DisclosureRequest:
    """Fee notice → in handling: paid in time; the reply clock resumes the day after payment."""
    clock = clock or get_clock()
    case = locked(case)
    require_handle(actor, case)
    require_transition(case, "fee_paid", "登记缴费")
    day_not_future(date_paid, clock.today(), "缴费日期", "date_paid")
    state = current_clock(case, clock)
    assert state.open_pause is not None and state.party_due is not None
    if date_paid < state.open_pause.date_paused:
        raise InvalidInput("缴费日期不能早于收费通知日期。", field="date_paid")
    if date_paid > state.party_due.date:
        raise InvalidInput(
            f"缴费期限已于{state.party_due.date.isoformat()}届满，应按视为放弃申请处理。", field="date_paid"
        )
    add_event(
        case, actor=actor, clock=clock, kind=ClockEventKind.RESUME, date=date_paid, reason="申请人已缴费"
    )

    def apply(c: DisclosureRequest) -> None:
        c.date_fee_paid = date_paid

    return transition(
        case,
        State.IN_HANDLING,
        actor=actor,
        action="fee_paid",
        clock=clock,
        extra={"date_fee_paid": date_paid},
        apply=apply,
    )


@transaction.atomic
def request_fee_abandon(
    *, actor: Actor, case: DisclosureRequest, clock: Clock | None = None
) -> DisclosureRequest:
    """Fee notice → fee abandoned, once the payment period is over (table 三 （六）2)."""
    clock = clock or get_clock()
    case = locked(case)
    require_handle(actor, case)
    require_transition(case, "fee_abandon", "视为放弃申请")
    due = current_clock(case, clock).party_due
    assert due is not None
    if clock.today() <= due.date:
        raise InvalidInput(f"缴费期限至{due.date.isoformat()}，期限届满后才能视为放弃申请。")

    def apply(c: DisclosureRequest) -> None:
        c.reply_type, c.reply_reason = ReplyType.OTHER, ReplyReason.FEE_UNPAID
        c.date_replied = clock.today()

    return transition(
        case,
        State.FEE_ABANDONED,
        actor=actor,
        action="fee_abandon",
        clock=clock,
        extra={"reply_reason": ReplyReason.FEE_UNPAID},
        apply=apply,
    )
