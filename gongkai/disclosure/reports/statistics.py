"""依申请公开 statistics for the openness office and evaluators: counts only, never personal data.

Timeliness uses the core's pure clock (``disclosure.clock.case_clock``) over each case's clock rows:
a reply is 按期 when its date is on or before the reply due date (20 working days from the art. 31
receipt date or the corrected receipt date, pauses left out, extensions added), 逾期 otherwise. Cases
ended by the process (逾期不补正, 逾期不缴费) have no reply due date and are counted apart. A due date
counted through a year without calendar data is flagged (``uncertain``), never silently trusted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from gongkai.calendars.selectors import get_calendar
from gongkai.disclosure.choices import (
    PROCESS_REASONS,
    ApplicantColumn,
    Channel,
    ClockEventKind,
    PauseCause,
    ReplyType,
    applicant_column,
)
from gongkai.disclosure.clock import RUNNING, ClockRow, case_clock
from gongkai.disclosure.models import ClockEvent, DisclosureRequest
from gongkai.disclosure.reports.scope import ReportScope
from gongkai.disclosure.reports.table_three import (
    CARRIED_OUT,
    NEW,
    TOTAL_DECIDED,
    base_queryset,
    counting_filters,
)
from gongkai.units.models import Unit

ON_TIME = "on_time"
LATE = "late"
NOT_TIMED = "not_timed"
OPEN_IN_TIME = "open_in_time"
OPEN_OVERDUE = "open_overdue"
TIMELINESS_LABELS: dict[str, str] = {
    ON_TIME: "按期答复",
    LATE: "逾期答复",
    NOT_TIMED: "按流程办结（逾期不补正、逾期不缴费，不计答复期限）",
    OPEN_IN_TIME: "年底未办结（未超期）",
    OPEN_OVERDUE: "年底未办结（已超期）",
}
STEP_LABELS: dict[str, str] = {
    "correction": "告知补正",
    "extension": "延长答复期限",
    "third_party": "征求第三方意见",
    "co_producer": "征求共同制作机关意见",
    "fee_notice": "发出收费通知",
}


@dataclass(frozen=True)
class Statistics:
    scope_label: str
    year: int
    received: int
    decided: int
    open_at_year_end: int
    by_unit: list[tuple[str, int, int, int]]  # unit name, received, decided, open at year end
    by_month: list[int]  # received per month, January first
    by_channel: list[tuple[str, int]]
    by_applicant: list[tuple[str, int]]
    by_reply_type: list[tuple[str, int]]
    timeliness: list[tuple[str, int]]
    steps: list[tuple[str, int]]  # 补正, extensions, consultations, fee notices in the year
    fees_collected_fen: int
    uncertain_years: tuple[int, ...] = ()
    late_cases: list[tuple[int, str, dt.date, int]] = field(default_factory=list)  # pk, code, date, days late

    @property
    def on_time_rate(self) -> str:
        counts = dict(self.timeliness)
        timed = counts.get(ON_TIME, 0) + counts.get(LATE, 0)
        return f"{counts.get(ON_TIME, 0) * 100 / timed:.1f}%" if timed else "—"

    @property
    def fees_collected_yuan(self) -> str:
        from gongkai.disclosure.fees import yuan

        return yuan(self.fees_collected_fen)


def compute_statistics(scope: ReportScope, *, with_cases: bool = False) -> Statistics:
    """Counts of the scope's requests in the year; ``with_cases`` adds the late replies' tracking codes
    (for the openness office; evaluators get counts only)."""
    year = scope.year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    filters = counting_filters(year)
    base = base_queryset(scope).order_by()
    received_q = filters[NEW]
    decided_q = filters[TOTAL_DECIDED]
    open_q = filters[CARRIED_OUT]

    totals = base.aggregate(
        received=Count("id", filter=received_q),
        decided=Count("id", filter=decided_q),
        open=Count("id", filter=open_q),
    )

    units = {u.pk: u for u in Unit.objects.filter(pk__in=base.values("addressee_unit"))}
    per_unit = base.values("addressee_unit").annotate(
        received=Count("id", filter=received_q),
        decided=Count("id", filter=decided_q),
        open=Count("id", filter=open_q),
    )
    by_unit = sorted(
        ((units[r["addressee_unit"]], r["received"], r["decided"], r["open"]) for r in per_unit),
        key=lambda t: (t[0].path, t[0].pk),
    )

    months = [0] * 12
    for (d,) in base.filter(received_q).values_list("date_received"):
        months[d.month - 1] += 1

    channels = Counter(dict(base.filter(received_q).values_list("channel").annotate(n=Count("id"))))
    applicants: Counter[str] = Counter()
    for kind, org, n in (
        base.filter(received_q).values_list("applicant_kind", "org_kind").annotate(n=Count("id"))
    ):
        applicants[applicant_column(kind, org)] += n
    replies = Counter(dict(base.filter(decided_q).values_list("reply_type").annotate(n=Count("id"))))

    timeliness, uncertain, late = _timeliness(base, decided_q, open_q, end)

    step_counts: Counter[str] = Counter()
    events = ClockEvent.objects.filter(scope.request_filter("request__"), date__gte=start, date__lte=end)
    for kind, cause, n in events.values_list("kind", "cause").annotate(n=Count("id")).order_by():
        if kind == ClockEventKind.CORRECTION_NOTICE:
            step_counts["correction"] += n
        elif kind == ClockEventKind.EXTENSION:
            step_counts["extension"] += n
        elif kind == ClockEventKind.PAUSE:
            step_counts["fee_notice" if cause == PauseCause.FEE else cause] += n

    fees = DisclosureRequest.objects.filter(
        scope.request_filter(), date_fee_paid__gte=start, date_fee_paid__lte=end
    ).aggregate(total=Sum("fee_amount_fen"))["total"]

    return Statistics(
        scope_label=scope.label,
        year=year,
        received=totals["received"],
        decided=totals["decided"],
        open_at_year_end=totals["open"],
        by_unit=[(u.name, a, b, c) for u, a, b, c in by_unit],
        by_month=months,
        by_channel=[(str(label), channels.get(value, 0)) for value, label in Channel.choices],
        by_applicant=[(str(label), applicants.get(value, 0)) for value, label in ApplicantColumn.choices],
        by_reply_type=[(str(label), replies.get(value, 0)) for value, label in ReplyType.choices],
        timeliness=[(key, timeliness.get(key, 0)) for key in TIMELINESS_LABELS],
        steps=[(label, step_counts.get(key, 0)) for key, label in STEP_LABELS.items()],
        fees_collected_fen=fees or 0,
        uncertain_years=tuple(sorted(uncertain)),
        late_cases=late if with_cases else [],
    )


def _timeliness(base, decided_q: Q, open_q: Q, end: dt.date):  # type: ignore[no-untyped-def]
    """Counts per TIMELINESS key, years without calendar data, and the late replies."""
    cases = list(
        base.filter(decided_q | open_q).values_list(
            "pk", "tracking_code", "reply_type", "reply_reason", "date_replied"
        )
    )
    rows: dict[int, list[ClockRow]] = defaultdict(list)
    events = (
        ClockEvent.objects.filter(request__in=base.filter(decided_q | open_q).values("pk"))
        .order_by("request_id", "at", "id")
        .values_list("request_id", "kind", "date", "working_days", "cause", "date_party_received")
    )
    for rid, kind, date, wd, cause, party in events:
        rows[rid].append(
            ClockRow(kind=kind, date=date, working_days=wd, cause=cause, date_party_received=party)
        )
    calendar = get_calendar()
    counts: Counter[str] = Counter()
    uncertain: set[int] = set()
    late: list[tuple[int, str, dt.date, int]] = []
    for pk, code, reply_type, reason, replied in cases:
        decided = bool(reply_type) and replied is not None and replied <= end
        if decided and reason in PROCESS_REASONS:
            counts[NOT_TIMED] += 1
            continue
        today = replied if decided else end
        state = case_clock(rows[pk], calendar, today=today)
        uncertain.update(state.uncertain_years)
        due = state.reply_due
        if decided:
            if due is not None and replied > due.date:
                counts[LATE] += 1
                late.append((pk, code, replied, calendar.working_days_between(due.date, replied).days))
            else:
                counts[ON_TIME] += 1
        elif state.phase == RUNNING and due is not None and end > due.date:
            counts[OPEN_OVERDUE] += 1
        else:
            counts[OPEN_IN_TIME] += 1
    late.sort(key=lambda t: (-t[3], t[2]))
    return counts, uncertain, late
