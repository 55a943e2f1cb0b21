"""The knowledge-entry state machine, written down once (a test checks it against ``EntryState``).

    draft ──submit──▶ in_review ──approve (reviewer ≠ author/submitter)──▶ published
    in_review ──reject (reason)──▶ draft
    draft ──edit──▶ draft                      (every save is a new immutable version)
    published ──revise (new working version)──▶ draft ──submit──▶ in_review ──approve──▶ published
    published | draft | in_review ──expire (reason)──▶ expired
    expired ──revise──▶ draft                  (brought back through review)

While a published entry is being revised (draft or in_review with a published version), the portal,
the console and the kiosk keep showing the published version; ``expired`` takes it off all three.
"""

from __future__ import annotations

from gongkai.knowledge.choices import EntryState

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    EntryState.DRAFT: frozenset({EntryState.DRAFT, EntryState.IN_REVIEW, EntryState.EXPIRED}),
    EntryState.IN_REVIEW: frozenset({EntryState.PUBLISHED, EntryState.DRAFT, EntryState.EXPIRED}),
    EntryState.PUBLISHED: frozenset({EntryState.DRAFT, EntryState.EXPIRED}),
    EntryState.EXPIRED: frozenset({EntryState.DRAFT}),
}

# No state is terminal: an expired entry can be revised and published again.
TERMINAL_STATES: frozenset[str] = frozenset()

# The states in which the working version can be edited.
EDITABLE_STATES: frozenset[str] = frozenset({EntryState.DRAFT})

# Every service that moves an entry: the states it starts from and the state it leads to. A test checks
# that these edges are exactly the edges of ALLOWED_TRANSITIONS.
ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "edit": (frozenset({EntryState.DRAFT}), EntryState.DRAFT),
    "submit": (frozenset({EntryState.DRAFT}), EntryState.IN_REVIEW),
    "approve": (frozenset({EntryState.IN_REVIEW}), EntryState.PUBLISHED),
    "reject": (frozenset({EntryState.IN_REVIEW}), EntryState.DRAFT),
    "revise": (frozenset({EntryState.PUBLISHED, EntryState.EXPIRED}), EntryState.DRAFT),
    "expire": (
        frozenset({EntryState.PUBLISHED, EntryState.DRAFT, EntryState.IN_REVIEW}),
        EntryState.EXPIRED,
    ),
}

ACTION_LABELS: dict[str, str] = {
    "edit": "修改",
    "submit": "提交审核",
    "approve": "审核通过并发布",
    "reject": "退回修改",
    "revise": "修订",
    "expire": "设为失效",
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())


def action_allowed(current: str, action: str) -> bool:
    sources, target = ACTIONS[action]
    return current in sources and can_transition(current, target)
