"""Pure time-limit arithmetic of a 一号答 ticket: no database, no wall clock.

The clock is the list of the ticket's ``TicketClockEvent`` rows in the order they happened:

- ``start``: the first dispatch to a unit (the start day itself is not counted);
- ``pause`` / ``resume``: the ticket was returned (退回) and stands still until it is dispatched again;
  a pause from P to R leaves out the working days after P up to and including R;
- ``restart``: the ticket was reopened (重办) — a new full period from that day;
- ``stop``: the reply (反馈) — the clock stands still; ``replied_late`` tells whether it was late.

A transfer (改派) between units does not stop the clock: the citizen's wait goes on. Every result
carries ``uncertain_years``: a count through a year without calendar data is flagged, never trusted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.calendars.workdays import Deadline, WorkdayCalendar
from gongkai.interaction.choices import ClockEventKind as K
from gongkai.interaction.constants import AT_RISK_WORKING_DAYS

NOT_STARTED = "not_started"
RUNNING = "running"
PAUSED = "paused"
STOPPED = "stopped"

PHASE_LABELS = {NOT_STARTED: "尚未起算", RUNNING: "计时中", PAUSED: "暂停计时（已退回）", STOPPED: "已反馈"}


@dataclass(frozen=True)
class ClockRow:
    kind: str
    date: dt.date


@dataclass(frozen=True)
class TicketClock:
    today: dt.date
    phase: str
    allowance_working_days: int
    date_start: dt.date | None = None
    due: Deadline | None = None  # while paused: the date if counting resumed today
    working_days_left: int | None = None
    paused_working_days: int = 0
    date_stopped: dt.date | None = None
    uncertain_years: tuple[int, ...] = field(default=())

    @property
    def certain(self) -> bool:
        return not self.uncertain_years

    @property
    def phase_label(self) -> str:
        return PHASE_LABELS[self.phase]

    @property
    def overdue(self) -> bool:
        return self.phase == RUNNING and self.due is not None and self.today > self.due.date

    @property
    def at_risk(self) -> bool:
        return (
            self.phase == RUNNING
            and not self.overdue
            and self.working_days_left is not None
            and self.working_days_left <= AT_RISK_WORKING_DAYS
        )

    @property
    def replied_late(self) -> bool:
        return (
            self.phase == STOPPED
            and self.due is not None
            and self.date_stopped is not None
            and self.date_stopped > self.due.date
        )


def ticket_clock(
    rows: Sequence[ClockRow], allowance: int, calendar: WorkdayCalendar, *, today: dt.date
) -> TicketClock:
    """The time limit of a ticket from its clock rows (in the order they happened)."""
    uncertain: set[int] = set()

    def add(start: dt.date, n: int) -> Deadline:
        result = calendar.add_working_days(start, max(n, 0))
        uncertain.update(result.uncertain_years)
        return result

    def between(start: dt.date, end: dt.date) -> int:
        result = calendar.working_days_between(start, end)
        uncertain.update(result.uncertain_years)
        return result.days

    start: dt.date | None = None
    spans: list[list[dt.date | None]] = []  # [paused, resumed] within the current period
    stopped: dt.date | None = None
    for row in rows:
        if row.kind in (K.START, K.RESTART):
            if row.kind == K.RESTART or start is None:
                start, spans, stopped = row.date, [], None
        elif row.kind == K.PAUSE:
            if start is not None and not (spans and spans[-1][1] is None):
                spans.append([row.date, None])
        elif row.kind == K.RESUME:
            if spans and spans[-1][1] is None:
                spans[-1][1] = row.date
        elif row.kind == K.STOP and start is not None:
            stopped = row.date
    if start is None:
        return TicketClock(today=today, phase=NOT_STARTED, allowance_working_days=allowance)

    now = stopped or today
    consumed = 0
    paused_days = 0
    due: Deadline | None = None
    cursor: dt.date | None = start
    for paused, resumed in spans:
        assert paused is not None and cursor is not None
        span = between(cursor, paused)
        if due is None and consumed + span >= allowance:
            due = add(cursor, allowance - consumed)
        consumed += span
        paused_days += between(paused, resumed or max(now, paused))
        cursor = resumed
    if cursor is None:  # returned and not yet dispatched again
        phase = PAUSED
        last_pause = spans[-1][0]
        assert last_pause is not None
        if due is None:
            due = add(max(now, last_pause), allowance - consumed)
        left = allowance - consumed
    else:
        phase = RUNNING
        if due is None:
            due = add(cursor, allowance - consumed)
        left = between(now, due.date) if now <= due.date else -between(due.date, now)
    return TicketClock(
        today=today,
        phase=STOPPED if stopped else phase,
        allowance_working_days=allowance,
        date_start=start,
        due=due,
        working_days_left=left,
        paused_working_days=paused_days,
        date_stopped=stopped,
        uncertain_years=tuple(sorted(uncertain)),
    )
