"""The state machine map against the enum, and every illegal action refused with nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gongkai.core.errors import IllegalTransition
from gongkai.core.models import AuditEvent
from gongkai.interaction.choices import Rating, State
from gongkai.interaction.lifecycle import ACTIONS, ALLOWED_TRANSITIONS, TERMINAL_STATES, action_allowed
from gongkai.interaction.models import TicketClockEvent, TicketRouting
from gongkai.interaction.services import (
    ticket_close,
    ticket_convert_to_disclosure,
    ticket_dispatch,
    ticket_rate,
    ticket_reopen,
    ticket_reply,
    ticket_return,
    ticket_sign,
    ticket_start,
    ticket_transfer,
)

CALLS: dict[str, Callable[[Any, Any, Any], Any]] = {
    "dispatch": lambda f, a, t: ticket_dispatch(actor=a, ticket=t, unit=f.units["finance"]),
    "transfer": lambda f, a, t: ticket_transfer(actor=a, ticket=t, unit=f.units["office"], reason="职责调整"),
    "sign": lambda f, a, t: ticket_sign(actor=a, ticket=t),
    "return": lambda f, a, t: ticket_return(actor=a, ticket=t, reason="非本单位职责"),
    "start": lambda f, a, t: ticket_start(actor=a, ticket=t),
    "reply": lambda f, a, t: ticket_reply(actor=a, ticket=t, reply_text="答复"),
    "rate": lambda f, a, t: ticket_rate(actor=a, ticket=t, rating=Rating.SATISFIED),
    "reopen": lambda f, a, t: ticket_reopen(actor=a, ticket=t, reason="不满意"),
    "close": lambda f, a, t: ticket_close(actor=a, ticket=t, visit_note="已回访"),
    "convert_disclosure": lambda f, a, t: ticket_convert_to_disclosure(
        actor=a, ticket=t, note="属于政府信息公开申请"
    ),
}


def test_map_covers_exactly_the_states() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(State.values)
    for targets in ALLOWED_TRANSITIONS.values():
        assert targets <= set(State.values)
    assert {s for s, targets in ALLOWED_TRANSITIONS.items() if not targets} == TERMINAL_STATES


def test_actions_are_exactly_the_edges() -> None:
    edges = {(s, t) for s, targets in ALLOWED_TRANSITIONS.items() for t in targets}
    action_edges = {(s, target) for sources, target in ACTIONS.values() for s in sources}
    assert action_edges == edges


def test_every_state_is_reachable_and_every_action_has_a_call() -> None:
    assert set(CALLS) == set(ACTIONS)
    seen, todo = {State.RECEIVED.value}, [State.RECEIVED.value]
    while todo:
        for nxt in ALLOWED_TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(State.values)


@pytest.mark.django_db
@pytest.mark.parametrize("state", State.values)
def test_illegal_actions_are_refused_and_change_nothing(state: str, tickets) -> None:  # type: ignore[no-untyped-def]
    ticket = tickets.in_state(state)
    assert ticket.state == state
    superuser = tickets.staff["office"]
    superuser.is_superuser = True  # only the state may refuse
    superuser.save()
    actor = tickets.actor("office")
    counts = (AuditEvent.objects.count(), TicketClockEvent.objects.count(), TicketRouting.objects.count())
    refused = 0
    for action, call in CALLS.items():
        if action_allowed(state, action):
            continue
        with pytest.raises(IllegalTransition):
            call(tickets, actor, ticket)
        refused += 1
        ticket.refresh_from_db()
        assert ticket.state == state, action
        now = (AuditEvent.objects.count(), TicketClockEvent.objects.count(), TicketRouting.objects.count())
        assert now == counts, action
    assert refused == sum(1 for a in ACTIONS if not action_allowed(state, a))
