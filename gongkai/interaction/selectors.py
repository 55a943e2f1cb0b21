"""Reads of 一号答: the time limit of a new ticket, routing suggestions and redirect hints.

Routing and redirect are suggestions for the hotline clerk, never decided automatically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from gongkai.calendars.selectors import get_calendar
from gongkai.core.clock import CHINA_TZ, Clock
from gongkai.interaction.choices import Rating, RedirectKind, State, TicketType
from gongkai.interaction.clock import STOPPED, ClockRow, ticket_clock
from gongkai.interaction.constants import (
    FALLBACK_TIME_LIMIT_WORKING_DAYS,
    ROUTING_HISTORY_LIMIT,
    ROUTING_MAX_SUGGESTIONS,
    ROUTING_SIMILARITY,
    STATS_EXTRA_STOPWORDS,
    STATS_HOT_SUBJECT_LIMIT,
    STATS_HOT_WORDS,
)
from gongkai.interaction.models import Ticket, TicketReminder, TicketSupervision, TimeLimitRule
from gongkai.units.models import Unit, UnitKind


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


# --- 提醒、督办 and statistics -------------------------------------------------------------------------


def ticket_reminders(ticket: Ticket) -> QuerySet[TicketReminder]:
    return ticket.reminders.select_related("unit").order_by("day", "id")


def ticket_supervisions(ticket: Ticket) -> QuerySet[TicketSupervision]:
    return ticket.supervisions.select_related("unit", "acknowledged_by").order_by("day", "id")


def supervised_open(qs: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """Tickets with a 督办 record that are not yet replied (被督办)."""
    return qs.filter(
        Exists(TicketSupervision.objects.filter(ticket=OuterRef("pk"))),
        state__in=(State.DISPATCHED, State.SIGNED, State.HANDLING, State.RETURNED),
    )


_DISTRICT_SUFFIX = re.compile(r"(人民政府|政府)$")
_CITY_PREFIX = re.compile(r"^.{1,6}?市(?=.{2,})")


def district_names() -> list[tuple[str, tuple[str, ...]]]:
    """(label, words to look for in ``place``) of every active district / county government unit:
    "苏州市姑苏区人民政府" → ("姑苏区", ("姑苏区", "姑苏"))."""
    found: dict[str, tuple[str, ...]] = {}
    for name in Unit.objects.filter(is_active=True, kind=UnitKind.DISTRICT_GOVERNMENT).values_list(
        "name", flat=True
    ):
        label = _CITY_PREFIX.sub("", _DISTRICT_SUFFIX.sub("", name))
        if len(label) < 2:
            continue
        words = [label]
        if label[-1] in "区县市旗" and len(label) >= 3:
            words.append(label[:-1])
        found.setdefault(label, tuple(words))
    return sorted(found.items())


@dataclass
class StatRow:
    label: str
    count: int


@dataclass
class TicketStats:
    date_from: dt.date
    date_to: dt.date
    total: int
    by_type: list[StatRow]
    by_unit: list[StatRow]
    by_place: list[StatRow]
    hot_words: list[StatRow]
    replied: int
    replied_on_time: int
    rated: int
    satisfied: int
    supervised: int

    @property
    def on_time_rate(self) -> float | None:
        return self.replied_on_time / self.replied if self.replied else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


def period_bounds(date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the China calendar days ``date_from`` … ``date_to``."""
    start = dt.datetime.combine(date_from, dt.time.min, tzinfo=CHINA_TZ)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=CHINA_TZ)
    return start, end


def hot_words(subjects: Iterable[str], limit: int = STATS_HOT_WORDS) -> list[StatRow]:
    """The words in most subjects (each subject counts a word once), stop-words and 1-char words out."""
    from gongkai.search.analysis import STOPWORDS, segment

    counts: Counter[str] = Counter()
    for subject in subjects:
        counts.update(
            {
                w
                for w in segment(subject)
                if len(w) >= 2 and not w.isdigit() and w not in STOPWORDS and w not in STATS_EXTRA_STOPWORDS
            }
        )
    return [StatRow(w, n) for w, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:limit]]


def ticket_stats(
    tickets: QuerySet[Ticket], *, date_from: dt.date, date_to: dt.date, clock: Clock
) -> TicketStats:
    """Statistics of the tickets received in the period (``tickets`` is already scoped to the user).

    Counts are aggregate queries; only the on-time rate reads the clock rows of the replied tickets
    (lateness depends on the working-day calendar and is not stored), and the hot words read the
    subjects (at most ``STATS_HOT_SUBJECT_LIMIT``, the most recent).
    """
    start, end = period_bounds(date_from, date_to)
    qs = tickets.filter(created_at__gte=start, created_at__lt=end).order_by()

    type_labels = dict(TicketType.choices)
    by_type = [
        StatRow(str(type_labels.get(r["ticket_type"], r["ticket_type"])), r["n"])
        for r in qs.values("ticket_type").annotate(n=Count("id")).order_by("-n", "ticket_type")
    ]
    by_unit = [
        StatRow(r["current_unit__name"] or "未转办", r["n"])
        for r in qs.values("current_unit__name").annotate(n=Count("id")).order_by("-n", "current_unit__name")
    ]

    districts = district_names()
    place_q = {label: _any_contains("place", words) for label, words in districts}
    aggregates: dict[str, Any] = {f"d{i}": Count("id", filter=q) for i, q in enumerate(place_q.values())}
    none_found = ~_or(list(place_q.values())) if place_q else Q()
    rated_q = ~Q(rating="")
    aggregates.update(
        total=Count("id"),
        unplaced=Count("id", filter=none_found),
        rated=Count("id", filter=rated_q),
        satisfied=Count("id", filter=Q(rating__in=[Rating.SATISFIED, Rating.BASICALLY])),
        supervised=Count("id", filter=Q(Exists(TicketSupervision.objects.filter(ticket=OuterRef("pk"))))),
    )
    totals = qs.aggregate(**aggregates)
    by_place = [StatRow(label, totals[f"d{i}"]) for i, label in enumerate(place_q) if totals[f"d{i}"]]
    by_place.sort(key=lambda r: (-r.count, r.label))
    if totals["unplaced"]:
        by_place.append(StatRow("未识别区县", totals["unplaced"]))

    replied = on_time = 0
    calendar = get_calendar()
    for ticket in qs.filter(date_replied__isnull=False).prefetch_related("clock_events"):
        state = ticket_clock(
            [ClockRow(e.kind, e.date) for e in sorted(ticket.clock_events.all(), key=lambda e: (e.at, e.pk))],
            ticket.time_limit_working_days,
            calendar,
            today=clock.today(),
        )
        if state.phase != STOPPED:  # reopened and not yet replied again
            continue
        replied += 1
        on_time += not state.replied_late

    subjects = qs.order_by("-created_at").values_list("subject", flat=True)[:STATS_HOT_SUBJECT_LIMIT]
    return TicketStats(
        date_from=date_from,
        date_to=date_to,
        total=totals["total"],
        by_type=by_type,
        by_unit=by_unit,
        by_place=by_place,
        hot_words=hot_words(subjects),
        replied=replied,
        replied_on_time=on_time,
        rated=totals["rated"],
        satisfied=totals["satisfied"],
        supervised=totals["supervised"],
    )


def _any_contains(field: str, words: Iterable[str]) -> Q:
    return _or([Q(**{f"{field}__contains": w}) for w in words])


def _or(parts: list[Q]) -> Q:
    out = Q()
    for part in parts:
        out |= part
    return out
