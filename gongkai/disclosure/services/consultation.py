"""征求意见: third parties (art. 32) and co-producing organs (art. 34); the reply clock is paused."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.disclosure.choices import CONSULTATION_CAUSES, ClockEventKind, State
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services.common import (
    add_event,
    current_clock,
    day_not_future,
    locked,
    reason,
    require_handle,
    require_transition,
    text,
    transition,
)


@transaction.atomic
def request_consultation_start(
    *,
    actor: Actor,
    case: DisclosureRequest,
    cause: str,
    party: str,
    reason: str,
    date_sent: dt.date | None = None,
    date_party_received: dt.date | None = None,
    clock: Clock | None = None,
) -> DisclosureRequest:
    """In handling → consultation: the letter goes out and the reply clock stops."""
    clock = clock or get_clock()
    today = clock.today()
    case = locked(case)
    require_handle(actor, case)
    require_transition(case, "consultation_start", "征求意见")
    if cause not in CONSULTATION_CAUSES:
        raise InvalidInput("请选择征求意见的对象类型。", field="cause")
    party = text(party, "被征求意见的第三方或机关", "party", limit=200)
    why = _reason(reason)
    date_sent = day_not_future(date_sent or today, today, "发出日期", "date_sent")
    running = current_clock(case, clock)
    if running.date_start is not None and date_sent < running.date_start:
        raise InvalidInput("发出日期不能早于答复期限的起算日。", field="date_sent")
    if date_party_received is not None and date_party_received < date_sent:
        raise InvalidInput("对方收到日期不能早于发出日期。", field="date_party_received")
    add_event(
        case,
        actor=actor,
        clock=clock,
        kind=ClockEventKind.PAUSE,
        cause=cause,
        date=date_sent,
        date_party_received=date_party_received,
        party=party,
        reason=why,
    )
    return transition(
        case,
        State.CONSULTATION,
        actor=actor,
        action="consultation_start",
        clock=clock,
        note=why,
        extra={"cause": cause, "date_sent": date_sent},
    )


def _reason(value: str) -> str:
    return reason(value, "征求意见的理由")


@transaction.atomic
def request_consultation_finish(
    *,
    actor: Actor,
    case: DisclosureRequest,
    date_answered: dt.date,
    outcome: str,
    clock: Clock | None = None,
) -> DisclosureRequest:
    """Consultation → in handling: the answer came (or the 15 working days passed); the clock resumes.

    ``outcome`` records what the party said (同意 / 不同意及理由 / 逾期未答复 — for co-producers silence
    is deemed consent, art. 34).
    """
    clock = clock or get_clock()
    case = locked(case)
    require_handle(actor, case)
    require_transition(case, "consultation_finish", "结束征求意见")
    day_not_future(date_answered, clock.today(), "收到意见或期限届满之日", "date_answered")
    pause = case.clock_events.filter(kind=ClockEventKind.PAUSE).latest("at", "id")
    if date_answered < pause.date:
        raise InvalidInput("收到意见之日不能早于征求意见书发出之日。", field="date_answered")
    outcome = reason(outcome, "征求意见结果", "outcome")
    add_event(case, actor=actor, clock=clock, kind=ClockEventKind.RESUME, date=date_answered, reason=outcome)
    return transition(
        case,
        State.IN_HANDLING,
        actor=actor,
        action="consultation_finish",
        clock=clock,
        note=outcome,
        extra={"date_answered": date_answered},
    )
