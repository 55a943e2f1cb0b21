"""Parsing the review form: one radio group per finding, one confirmation per file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai.privacy.models import Decision
from gongkai.privacy.services import Choice, GateReport

DECISION_CHOICES = [
    (Decision.MASK, "遮盖（默认）"),
    (Decision.CUSTOM, "自定义替换"),
    (Decision.KEEP, "保留（须填理由）"),
]


def parse_review_form(
    data: Mapping[str, Any], report: GateReport
) -> tuple[dict[int, Choice], dict[str, str]]:
    """``(choices by finding index, confirmation reasons by file source)`` from the POSTed fields."""
    choices: dict[int, Choice] = {}
    for f in report.open_findings:
        i = f.index
        default = Decision.MASK if f.maskable else ""
        decision = str(data.get(f"decision-{i}", default) or default)
        choices[i] = Choice(
            decision=decision,
            replacement=str(data.get(f"replacement-{i}", ""))[:500],
            reason=str(data.get(f"reason-{i}", ""))[:2000],
        )
    confirmations: dict[str, str] = {}
    for item in report.open_files:
        if item.kind == "manual" and data.get(f"confirm-{item.source}"):
            confirmations[item.source] = str(data.get(f"confirm-reason-{item.source}", ""))[:2000]
    return choices, confirmations
