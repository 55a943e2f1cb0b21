"""Reads of 一号答: the time limit of a new ticket, routing suggestions and redirect hints.

Routing and redirect are suggestions for the hotline clerk, never decided automatically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.interaction.choices import RedirectKind, State
from gongkai.interaction.constants import (
    FALLBACK_TIME_LIMIT_WORKING_DAYS,
    ROUTING_HISTORY_LIMIT,
    ROUTING_MAX_SUGGESTIONS,
    ROUTING_SIMILARITY,
)
from gongkai.interaction.models import Ticket, TimeLimitRule
from gongkai.units.models import Unit


def time_limit_for(ticket_type: str, urgency: str) -> int:
    """Working days from the ``TimeLimitRule`` table: the row for the type wins over the all-types row."""
    rows = dict(
        TimeLimitRule.objects.filter(urgency=urgency, ticket_type__in=[ticket_type, ""]).values_list(
            "ticket_type", "working_days"
        )
    )
    return rows.get(ticket_type) or rows.get("") or FALLBACK_TIME_LIMIT_WORKING_DAYS


# --- routing -------------------------------------------------------------------------------------------

# Administrative suffixes stripped from a unit name to get the words citizens actually write
# ("苏州市财政局" → "财政"), longest first.
_UNIT_SUFFIXES = (
    "人民政府办公室",
    "人民政府",
    "委员会",
    "办公室",
    "管理局",
    "服务中心",
    "中心",
    "局",
    "委",
    "厅",
    "办",
    "所",
    "站",
)
_PLACE_PREFIX = re.compile(r"^.{1,6}?(省|自治区|市|自治州|区|县)")


def unit_keywords(unit: Unit) -> set[str]:
    """The words that point to ``unit``: its name, short name, and their cores without place/suffix."""
    words: set[str] = set()
    for name in filter(None, [unit.name, unit.short_name]):
        words.add(name)
        core = name
        while (m := _PLACE_PREFIX.match(core)) and len(core) - m.end() >= 2:
            core = core[m.end() :]
        words.add(core)
        for suffix in _UNIT_SUFFIXES:
            if core.endswith(suffix) and len(core) - len(suffix) >= 2:
                words.add(core[: -len(suffix)])
                break
    return {w for w in words if len(w) >= 2}


def _bigrams(value: str) -> set[str]:
    chars = re.sub(r"[\s\W_]+", "", value)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


@dataclass
class UnitSuggestion:
    unit: Unit
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


HANDLED_STATES = (State.SIGNED, State.HANDLING, State.REPLIED, State.CLOSED)


def suggest_units(
    *, subject: str, content: str, within: Unit, exclude: Ticket | None = None
) -> list[UnitSuggestion]:
    """Units to dispatch to, best first, each with the reasons (keyword hits, similar past tickets)."""
    body = f"{subject}\n{content}"
    found: dict[int, UnitSuggestion] = {}
    units = [u for u in Unit.objects.filter(is_active=True) if u.is_within(within) and u.pk != within.pk]
    for unit in units:
        hits = sorted(w for w in unit_keywords(unit) if w in body)
        if hits:
            s = found.setdefault(unit.pk, UnitSuggestion(unit))
            s.score += max(len(w) for w in hits)
            s.reasons.append(f"诉求中提到“{'、'.join(hits)}”，与单位名称相符")
    past = Ticket.objects.filter(
        hotline_unit=within, state__in=HANDLED_STATES, current_unit__isnull=False
    ).select_related("current_unit")
    if exclude is not None:
        past = past.exclude(pk=exclude.pk)
    for ticket in past.order_by("-created_at")[:ROUTING_HISTORY_LIMIT]:
        score = similarity(body, f"{ticket.subject}\n{ticket.content}")
        if score < ROUTING_SIMILARITY:
            continue
        assert ticket.current_unit is not None
        s = found.setdefault(ticket.current_unit.pk, UnitSuggestion(ticket.current_unit))
        s.score += 10 * score
        s.reasons.append(f"与以往诉求 {ticket.tracking_code}（相似度 {score:.0%}）相近，该件由本单位办理")
    ranked = sorted(found.values(), key=lambda s: (-s.score, s.unit.name))
    return ranked[:ROUTING_MAX_SUGGESTIONS]


# --- redirect hints ---------------------------------------------------------------------------------

_REDIRECT_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        RedirectKind.DISCLOSURE,
        re.compile(r"申请(?:公开|获取|提供)[^。！？\n]{0,30}(?:政府)?信息|政府信息公开申请|依申请公开"),
        "内容像是政府信息公开申请，可告知申请人通过依申请公开渠道提出（《政府信息公开条例》第二十七条）。",
    ),
    (
        RedirectKind.LAWSUIT,
        re.compile(r"起诉|诉讼|法院|立案|判决|裁定|仲裁"),
        "内容涉及诉讼或仲裁，可告知通过司法途径解决。",
    ),
    (
        RedirectKind.PETITION,
        re.compile(r"信访|上访|访民"),
        "内容涉及信访事项，可告知依照《信访工作条例》向信访部门提出。",
    ),
)


@dataclass(frozen=True)
class RedirectHint:
    kind: str
    label: str
    matched: str
    advice: str


def redirect_hints(subject: str, content: str) -> list[RedirectHint]:
    """Hints that the ticket belongs to another channel; a suggestion only, the ticket is still received."""
    body = f"{subject}\n{content}"
    hints = []
    for kind, pattern, advice in _REDIRECT_PATTERNS:
        m = pattern.search(body)
        if m:
            hints.append(
                RedirectHint(
                    kind=kind, label=str(RedirectKind(kind).label), matched=m.group(0), advice=advice
                )
            )
    return hints
