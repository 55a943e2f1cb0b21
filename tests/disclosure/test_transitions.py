"""Every action refused in every state that does not allow it, with nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gongkai.core.errors import IllegalTransition
from gongkai.core.models import AuditEvent
from gongkai.disclosure.choices import FeeMethod, PauseCause, State
from gongkai.disclosure.lifecycle import ACTIONS, action_allowed
from gongkai.disclosure.models import ClockEvent
from gongkai.disclosure.services import (
    request_assign,
    request_close,
    request_consultation_finish,
    request_consultation_start,
    request_correction_notice,
    request_correction_receive,
    request_deem_withdrawn,
    request_fee_abandon,
    request_fee_notice,
    request_fee_paid,
    request_register,
    request_reply,
    request_start_handling,
)

pytestmark = pytest.mark.django_db

Call = Callable[[Any, Any, Any], Any]

CALLS: dict[str, Call] = {
    "register": lambda f, a, c: request_register(actor=a, case=c, date_received=f.clock.today()),
    "correction_notice": lambda f, a, c: request_correction_notice(actor=a, case=c, items="补正"),
    "correction_receive": lambda f, a, c: request_correction_receive(
        actor=a, case=c, date_corrected=f.clock.today(), corrected_text="补正内容"
    ),
    "deem_withdrawn": lambda f, a, c: request_deem_withdrawn(actor=a, case=c),
    "assign": lambda f, a, c: request_assign(actor=a, case=c, unit=f.units["finance"], reason="转办"),
    "start_handling": lambda f, a, c: request_start_handling(actor=a, case=c),
    "consultation_start": lambda f, a, c: request_consultation_start(
        actor=a, case=c, cause=PauseCause.CO_PRODUCER, party="苏州市发展和改革委员会", reason="共同制作"
    ),
    "consultation_finish": lambda f, a, c: request_consultation_finish(
        actor=a, case=c, date_answered=f.clock.today(), outcome="同意"
    ),
    "fee_notice": lambda f, a, c: request_fee_notice(
        actor=a, case=c, method=FeeMethod.PER_PAGE, pages=500, reason="页数多"
    ),
    "fee_paid": lambda f, a, c: request_fee_paid(actor=a, case=c, date_paid=f.clock.today()),
    "fee_abandon": lambda f, a, c: request_fee_abandon(actor=a, case=c),
    "reply": lambda f, a, c: request_reply(actor=a, case=c, reply_type="disclose", reply_text="答复"),
    "close": lambda f, a, c: request_close(actor=a, case=c),
}


def test_every_action_has_a_call() -> None:
    assert set(CALLS) == set(ACTIONS)


@pytest.mark.parametrize("state", State.values)
def test_illegal_actions_are_refused_and_change_nothing(state: str, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(state)
    assert case.state == state
    office = cases.actor("office")  # may do everything in the city's subtree: only the state refuses
    before = (case.version, AuditEvent.objects.count(), ClockEvent.objects.count())
    refused = 0
    for action, call in CALLS.items():
        if action_allowed(state, action):
            continue
        with pytest.raises(IllegalTransition):
            call(cases, office, case)
        refused += 1
        case.refresh_from_db()
        assert case.state == state, action
        assert (case.version, AuditEvent.objects.count(), ClockEvent.objects.count()) == before, action
    assert refused == sum(1 for a in ACTIONS if not action_allowed(state, a))
