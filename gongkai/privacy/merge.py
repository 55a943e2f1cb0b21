"""Resolve overlapping findings: keep the most specific / most confident, never overlap."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from .types import (
    ADDRESS,
    BANK_CARD,
    EMAIL,
    ID_CARD,
    IP,
    LANDLINE,
    MOBILE,
    ORG,
    PASSPORT,
    PERSON,
    PLACE,
    PLATE,
    QQ,
    USCC,
    WECHAT,
    Finding,
)

# Higher tier wins an overlap regardless of confidence: a checksummed identifier is more specific
# than a model guess. Within a tier, confidence then length decide.
TIERS: dict[str, int] = {
    ID_CARD: 5,
    EMAIL: 5,
    USCC: 4,
    BANK_CARD: 4,
    MOBILE: 4,
    WECHAT: 4,
    QQ: 4,
    PASSPORT: 4,
    PLATE: 4,
    LANDLINE: 3,
    IP: 3,
    ADDRESS: 2,
    PERSON: 2,
    ORG: 1,
    PLACE: 0,
}


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    ranked = sorted(
        set(findings),
        key=lambda f: (-TIERS.get(f.label, 2), -f.confidence, -(f.end - f.start), f.start),
    )
    starts: list[int] = []
    kept: list[Finding] = []  # sorted by start, non-overlapping
    for f in ranked:
        i = bisect.bisect_left(starts, f.start)
        if i > 0 and kept[i - 1].end > f.start:
            continue
        if i < len(kept) and kept[i].start < f.end:
            continue
        starts.insert(i, f.start)
        kept.insert(i, f)
    return kept
