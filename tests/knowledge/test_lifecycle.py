"""The written-down state machine matches the state enumeration and the services' actions."""

from __future__ import annotations

from gongkai.knowledge.choices import EntryState
from gongkai.knowledge.lifecycle import (
    ACTION_LABELS,
    ACTIONS,
    ALLOWED_TRANSITIONS,
    TERMINAL_STATES,
    action_allowed,
    can_transition,
)


def test_every_state_has_a_row_and_targets_are_states() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(EntryState.values)
    for targets in ALLOWED_TRANSITIONS.values():
        assert targets <= set(EntryState.values)
    assert set(EntryState.values) >= TERMINAL_STATES
    for state in TERMINAL_STATES:
        assert not ALLOWED_TRANSITIONS[state]


def test_actions_cover_exactly_the_allowed_edges() -> None:
    edges = {(s, t) for s, ts in ALLOWED_TRANSITIONS.items() for t in ts}
    action_edges = {(s, target) for sources, target in ACTIONS.values() for s in sources}
    assert edges == action_edges
    assert set(ACTION_LABELS) == set(ACTIONS)


def test_every_state_is_reachable_from_draft() -> None:
    seen, todo = {EntryState.DRAFT.value}, [EntryState.DRAFT.value]
    while todo:
        for nxt in ALLOWED_TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(EntryState.values)


def test_examples() -> None:
    assert action_allowed(EntryState.DRAFT, "submit")
    assert not action_allowed(EntryState.DRAFT, "approve")
    assert action_allowed(EntryState.PUBLISHED, "revise")
    assert not action_allowed(EntryState.PUBLISHED, "edit")
    assert not can_transition(EntryState.EXPIRED, EntryState.PUBLISHED)
