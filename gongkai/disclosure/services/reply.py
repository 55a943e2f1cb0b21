"""答复 (arts 36, 37, 35, 39) and 归档.

The reply passes the privacy gate before it goes out: :data:`reply_letter_gate` is the hook (a
callable given the case and the reply text, raising ``InvalidInput`` to refuse). By default it is
``letters.privacy.reply_gate``: third parties' personal data in the reply that nobody has decided about
(on the case's reply letter) refuses the reply; the applicant's own data is expected and allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.disclosure.choices import (
    PROCESS_REASONS,
    REASONS_BY_TYPE,
    ClockEventKind,
    ReplyReason,
    ReplyType,
    State,
)
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services.common import (
    current_clock,
    day_not_future,
    locked,
    require_handle,
    require_transition,
    text,
    transition,
)

ReplyGate = Callable[[DisclosureRequest, str], None]


def _privacy_gate(case: DisclosureRequest, reply_text: str) -> None:
    from gongkai.disclosure.letters.privacy import reply_gate

    reply_gate(case, reply_text)


reply_letter_gate: ReplyGate = _privacy_gate

_MISSING_REASON: dict[str, str] = {
    ReplyType.WITHHOLD: "不予公开的，须选择不予公开的理由（法定情形）。",
    ReplyType.CANNOT_PROVIDE: "无法提供的，须选择无法提供的原因。",
    ReplyType.NOT_PROCESSED: "不予处理的，须选择不予处理的原因。",
    ReplyType.OTHER: "其他处理的，须选择具体情形。",
}


def validate_reply(reply_type: str, reply_reason: str, *, had_correction: bool) -> tuple[str, str]:
    """The reply type and its sub-reason must be one row of table 三; pure, no database."""
    if reply_type not in ReplyType.values:
        raise InvalidInput("请选择办理结果。", field="reply_type")
    allowed = REASONS_BY_TYPE[reply_type]
    reply_reason = reply_reason or ""
    if not allowed:
        if reply_reason:
            raise InvalidInput(f"“{ReplyType(reply_type).label}”无需选择具体情形。", field="reply_reason")
        return reply_type, ""
    if not reply_reason:
        raise InvalidInput(_MISSING_REASON[reply_type], field="reply_reason")
    if reply_reason not in allowed:
        raise InvalidInput(
            f"“{ReplyReason(reply_reason).label if reply_reason in ReplyReason.values else reply_reason}”"
            f"不属于“{ReplyType(reply_type).label}”的情形。",
            field="reply_reason",
        )
    if reply_reason in PROCESS_REASONS:
        raise InvalidInput("逾期不补正、逾期不缴费由系统按流程办结，不能作为答复选择。", field="reply_reason")
    if reply_reason == ReplyReason.STILL_UNCLEAR and not had_correction:
        raise InvalidInput(
            "只有告知补正后申请内容仍不明确的，才能选择此项（第三十条）。", field="reply_reason"
        )
    return reply_type, reply_reason


@transaction.atomic
def request_reply(
    *,
    actor: Actor,
    case: DisclosureRequest,
    reply_type: str,
    reply_reason: str = "",
    reply_text: str,
    date_replied: dt.date | None = None,
    clock: Clock | None = None,
) -> DisclosureRequest:
    """In handling → replied, with the outcome counted in table 三."""
    clock = clock or get_clock()
    today = clock.today()
    case = locked(case)
    require_handle(actor, case)
    require_transition(case, "reply", "答复")
    had_correction = case.clock_events.filter(kind=ClockEventKind.CORRECTION_NOTICE).exists()
    reply_type, reply_reason = validate_reply(reply_type, reply_reason, had_correction=had_correction)
    reply_text = text(reply_text, "答复内容", "reply_text")
    date_replied = day_not_future(date_replied or today, today, "答复日期", "date_replied")
    state = current_clock(case, clock)
    if state.date_start is not None and date_replied < state.date_start:
        raise InvalidInput("答复日期不能早于答复期限的起算日。", field="date_replied")
    reply_letter_gate(case, reply_text)
    late = state.reply_due is not None and date_replied > state.reply_due.date

    def apply(c: DisclosureRequest) -> None:
        c.reply_type, c.reply_reason, c.reply_text = reply_type, reply_reason, reply_text
        c.date_replied, c.replied_by = date_replied, actor.user

    return transition(
        case,
        State.REPLIED,
        actor=actor,
        action="reply",
        clock=clock,
        note="超过答复期限" if late else "",
        extra={"reply_type": reply_type, "reply_reason": reply_reason, "date_replied": date_replied},
        apply=apply,
    )


@transaction.atomic
def request_close(*, actor: Actor, case: DisclosureRequest, clock: Clock | None = None) -> DisclosureRequest:
    """Replied / deemed withdrawn / fee abandoned → closed (归档, art. 45)."""
    clock = clock or get_clock()
    case = locked(case)
    require_handle(actor, case)
    require_transition(case, "close", "归档")

    def apply(c: DisclosureRequest) -> None:
        c.closed_at = clock.now()

    return transition(case, State.CLOSED, actor=actor, action="close", clock=clock, apply=apply)
