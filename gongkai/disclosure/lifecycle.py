"""The 依申请公开 case state machine, written down once (a test checks it against ``State``).

    received ──register (art. 31 receipt date)──▶ registered
    registered ──correction notice (≤7 wd, once)──▶ correction_requested
    correction_requested ──corrected──▶ corrected          (reply clock restarts at corrected receipt)
    correction_requested ──period over──▶ deemed_withdrawn ──▶ closed
    registered | corrected ──assign──▶ assigned ──transfer──▶ assigned
    registered | corrected | assigned ──start──▶ in_handling   (the receiving unit handles it itself)
    in_handling ──transfer──▶ assigned
    in_handling ──consult third party / co-producer──▶ consultation ──answer / 15 wd over──▶ in_handling
    in_handling ──fee notice──▶ fee_notice ──paid──▶ in_handling
                                fee_notice ──20 wd over──▶ fee_abandoned ──▶ closed
    in_handling ──reply (art. 36 / 37 / 35 / 39)──▶ replied ──archive──▶ closed

An extension (延期, art. 33 ¶2) is not a state: it changes no allowed action, only the due date, so it
is a clock row (``ClockEvent`` of kind ``extension``) and the case shows "已延期". Appeals
(行政复议 / 行政诉讼) are records on a case (``Appeal``), not states, and may be filed on any case
that has ended (replied, closed, deemed withdrawn, fee abandoned).
"""

from __future__ import annotations

from gongkai.disclosure.choices import State

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    State.RECEIVED: frozenset({State.REGISTERED}),
    State.REGISTERED: frozenset({State.CORRECTION_REQUESTED, State.ASSIGNED, State.IN_HANDLING}),
    State.CORRECTION_REQUESTED: frozenset({State.CORRECTED, State.DEEMED_WITHDRAWN}),
    State.CORRECTED: frozenset({State.ASSIGNED, State.IN_HANDLING}),
    State.DEEMED_WITHDRAWN: frozenset({State.CLOSED}),
    State.ASSIGNED: frozenset({State.ASSIGNED, State.IN_HANDLING}),
    State.IN_HANDLING: frozenset({State.ASSIGNED, State.CONSULTATION, State.FEE_NOTICE, State.REPLIED}),
    State.CONSULTATION: frozenset({State.IN_HANDLING}),
    State.FEE_NOTICE: frozenset({State.IN_HANDLING, State.FEE_ABANDONED}),
    State.FEE_ABANDONED: frozenset({State.CLOSED}),
    State.REPLIED: frozenset({State.CLOSED}),
    State.CLOSED: frozenset(),
}

TERMINAL_STATES: frozenset[str] = frozenset({State.CLOSED})

# The case has ended for the applicant (a decision exists); appeals can be recorded from here on.
ENDED_STATES: frozenset[str] = frozenset(
    {State.REPLIED, State.CLOSED, State.DEEMED_WITHDRAWN, State.FEE_ABANDONED}
)
# The reply clock runs (or stands paused) in these states; reminders look at them.
OPEN_STATES: frozenset[str] = frozenset(
    {
        State.REGISTERED,
        State.CORRECTION_REQUESTED,
        State.CORRECTED,
        State.ASSIGNED,
        State.IN_HANDLING,
        State.CONSULTATION,
        State.FEE_NOTICE,
    }
)
# Extensions may be granted while the case is being worked on.
EXTENDABLE_STATES: frozenset[str] = frozenset(
    {State.CORRECTED, State.REGISTERED, State.ASSIGNED, State.IN_HANDLING, State.CONSULTATION}
)


# Every service that moves a case, with the states it starts from and the state it leads to. A test
# checks that these edges are exactly the edges of ALLOWED_TRANSITIONS.
ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "register": (frozenset({State.RECEIVED}), State.REGISTERED),
    "correction_notice": (frozenset({State.REGISTERED}), State.CORRECTION_REQUESTED),
    "correction_receive": (frozenset({State.CORRECTION_REQUESTED}), State.CORRECTED),
    "deem_withdrawn": (frozenset({State.CORRECTION_REQUESTED}), State.DEEMED_WITHDRAWN),
    "assign": (
        frozenset({State.REGISTERED, State.CORRECTED, State.ASSIGNED, State.IN_HANDLING}),
        State.ASSIGNED,
    ),
    "start_handling": (frozenset({State.REGISTERED, State.CORRECTED, State.ASSIGNED}), State.IN_HANDLING),
    "consultation_start": (frozenset({State.IN_HANDLING}), State.CONSULTATION),
    "consultation_finish": (frozenset({State.CONSULTATION}), State.IN_HANDLING),
    "fee_notice": (frozenset({State.IN_HANDLING}), State.FEE_NOTICE),
    "fee_paid": (frozenset({State.FEE_NOTICE}), State.IN_HANDLING),
    "fee_abandon": (frozenset({State.FEE_NOTICE}), State.FEE_ABANDONED),
    "reply": (frozenset({State.IN_HANDLING}), State.REPLIED),
    "close": (frozenset({State.REPLIED, State.DEEMED_WITHDRAWN, State.FEE_ABANDONED}), State.CLOSED),
}


def action_allowed(current: str, action: str) -> bool:
    """True if ``action`` may be taken on a case in state ``current``."""
    sources, target = ACTIONS[action]
    return current in sources and can_transition(current, target)


def can_transition(current: str, target: str) -> bool:
    """True if the state machine allows ``current → target``."""
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())
