"""The 一号答 ticket state machine, written down once (a test checks it against ``State``).

    received ──dispatch (to a unit)──▶ dispatched
    dispatched ──sign──▶ signed ──start──▶ handling ──reply──▶ replied
    dispatched ──return (reason)──▶ returned ──dispatch again──▶ dispatched
    dispatched | signed | handling ──transfer (to another unit, reason)──▶ dispatched
    replied ──rate──▶ replied                     (rating is a record, not a state)
    replied ──reopen (once, reason)──▶ handling   (the reply clock restarts with a full period)
    replied ──close (return-visit note)──▶ closed
    received | dispatched | returned | signed | handling ──convert_disclosure──▶ closed
                                                  (转依申请公开: the matter becomes a 依申请公开 request)

Only the hotline centre (受理单位) dispatches, transfers, records the rating, reopens and closes; only
the current unit signs, returns, handles and replies.
"""

from __future__ import annotations

from gongkai.interaction.choices import State

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    State.RECEIVED: frozenset({State.DISPATCHED, State.CLOSED}),
    State.DISPATCHED: frozenset({State.SIGNED, State.RETURNED, State.DISPATCHED, State.CLOSED}),
    State.RETURNED: frozenset({State.DISPATCHED, State.CLOSED}),
    State.SIGNED: frozenset({State.HANDLING, State.DISPATCHED, State.CLOSED}),
    State.HANDLING: frozenset({State.REPLIED, State.DISPATCHED, State.CLOSED}),
    State.REPLIED: frozenset({State.REPLIED, State.HANDLING, State.CLOSED}),
    State.CLOSED: frozenset(),
}

TERMINAL_STATES: frozenset[str] = frozenset({State.CLOSED})

# The time limit runs (or stands paused, while returned) in these states.
OPEN_STATES: frozenset[str] = frozenset({State.DISPATCHED, State.SIGNED, State.RETURNED, State.HANDLING})

# Every service that moves a ticket: the states it starts from and the state it leads to. A test checks
# that these edges are exactly the edges of ALLOWED_TRANSITIONS.
ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "dispatch": (frozenset({State.RECEIVED, State.RETURNED}), State.DISPATCHED),
    "transfer": (frozenset({State.DISPATCHED, State.SIGNED, State.HANDLING}), State.DISPATCHED),
    "sign": (frozenset({State.DISPATCHED}), State.SIGNED),
    "return": (frozenset({State.DISPATCHED}), State.RETURNED),
    "start": (frozenset({State.SIGNED}), State.HANDLING),
    "reply": (frozenset({State.HANDLING}), State.REPLIED),
    "rate": (frozenset({State.REPLIED}), State.REPLIED),
    "reopen": (frozenset({State.REPLIED}), State.HANDLING),
    "close": (frozenset({State.REPLIED}), State.CLOSED),
    # 转依申请公开 (services/redirect.py): any state before the reply; terminal.
    "convert_disclosure": (
        frozenset({State.RECEIVED, State.DISPATCHED, State.RETURNED, State.SIGNED, State.HANDLING}),
        State.CLOSED,
    ),
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())


def action_allowed(current: str, action: str) -> bool:
    sources, target = ACTIONS[action]
    return current in sources and can_transition(current, target)
