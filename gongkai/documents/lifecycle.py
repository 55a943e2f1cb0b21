"""The document state machine, written down once.

    draft ──submit──▶ in_review ──approve──▶ published ──withdraw──▶ withdrawn
      ▲                  │   └──approve (future time)──▶ scheduled ──(time comes)──▶ published
      └────send back─────┘                                   │
      ▲                                                      │
      └──────────────────────────cancel schedule─────────────┘
    withdrawn ──reopen──▶ draft

A published document can be revised in place by a reviewer (new version, public change history) and
can lose validity (失效/废止) while staying published; both are recorded, neither is a state.
"""

from __future__ import annotations

from gongkai.documents.choices import Status

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.IN_REVIEW},
    Status.IN_REVIEW: {Status.DRAFT, Status.PUBLISHED, Status.SCHEDULED},
    Status.SCHEDULED: {Status.PUBLISHED, Status.DRAFT},
    Status.PUBLISHED: {Status.WITHDRAWN},
    Status.WITHDRAWN: {Status.DRAFT},
}

EDITABLE_STATES: set[str] = {Status.DRAFT}


def can_transition(current: str, target: str) -> bool:
    """True if the state machine allows ``current → target``."""
    return target in ALLOWED_TRANSITIONS.get(current, set())
