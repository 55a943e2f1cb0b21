"""Pure deadline arithmetic of a 依申请公开 case: no database, no wall clock.

A case's clock is the list of its ``ClockEvent`` rows (start, correction notice, restart after
correction, pause, resume, extension) in the order they happened. From those rows, the working-day
calendar and "today", :func:`case_clock` derives every date the handler needs:

- the reply due date: ``REPLY_WORKING_DAYS`` working days from the receipt date — or from the
  corrected receipt date after a 补正 (art. 30) — not counting paused spans (consultation, arts 32/34;
  fee notice), plus approved extensions (art. 33 ¶2);
- the 补正 notice deadline (7 working days from the first receipt);
- the applicant's correction deadline, the consulted party's deadline (15 wd from their receipt of
  the letter) and the fee payment deadline (20 wd from the day after the notice was received);
- working days left, at-risk and overdue flags.

Conventions (the same as ``calendars.workdays``): the start day is never counted; a pause from day P
to day R leaves out the working days after P up to and including R, so counting resumes the day
after R. Every result carries ``certain``/``uncertain_years``: a count that ran through a year with no
calendar data is flagged, never silently trusted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gongkai.calendars.workdays import Deadline, WorkdayCalendar
from gongkai.disclosure.choices import ClockEventKind, PauseCause
from gongkai.disclosure.constants import (
    AT_RISK_WORKING_DAYS,
    CONSULTATION_WORKING_DAYS,
    CORRECTION_NOTICE_WORKING_DAYS,
    FEE_PAYMENT_WORKING_DAYS,
    REPLY_WORKING_DAYS,
)

NOT_STARTED = "not_started"
AWAITING_CORRECTION = "awaiting_correction"
RUNNING = "running"
PAUSED = "paused"
STOPPED = "stopped"  # the case has ended; the clock no longer matters

PHASE_LABELS = {
    NOT_STARTED: "尚未起算",
    AWAITING_CORRECTION: "等待补正（答复期限自收到补正之日重新计算）",
    RUNNING: "计时中",
    PAUSED: "暂停计时",
    STOPPED: "已结束",
}


@dataclass(frozen=True)
class ClockRow:
    """One clock event, as the pure functions see it."""

    kind: str
    date: dt.date
    working_days: int = 0  # extension length, or the applicant's correction period
    cause: str = ""  # PauseCause of a pause
    date_party_received: dt.date | None = None  # when the third party / applicant got the letter


@dataclass(frozen=True)
class Pause:
    cause: str
    date_paused: dt.date
    date_resumed: dt.date | None
    date_party_received: dt.date
    paused_working_days: int


@dataclass(frozen=True)
class CaseClock:
    """Everything about a case's deadlines as of ``today``."""

    today: dt.date
    phase: str
    date_first_received: dt.date | None = None
    date_start: dt.date | None = None  # receipt date, or corrected receipt date after a 补正
    correction_notice_due: Deadline | None = None
    correction_notice_sent: bool = False
    correction_due: Deadline | None = None  # the applicant's period to correct
    allowance_working_days: int = REPLY_WORKING_DAYS
    extension_working_days: int = 0
    consumed_working_days: int = 0
    paused_working_days: int = 0
    pauses: tuple[Pause, ...] = ()
    open_pause: Pause | None = None
    party_due: Deadline | None = None  # consultation answer or fee payment, while paused
    reply_due: Deadline | None = None  # while paused: the date if counting resumed today
    working_days_left: int | None = None
    uncertain_years: tuple[int, ...] = field(default=())

    @property
    def certain(self) -> bool:
        return not self.uncertain_years

    @property
    def phase_label(self) -> str:
        return PHASE_LABELS[self.phase]

    @property
    def overdue(self) -> bool:
        """The reply is late: today is after the due date and the clock is not paused."""
        return self.phase == RUNNING and self.reply_due is not None and self.today > self.reply_due.date

    @property
    def working_days_overdue(self) -> int:
        """How many working days late the reply is (0 when not overdue)."""
        if not self.overdue or self.working_days_left is None:
            return 0
        return max(-self.working_days_left, 0)

    @property
    def at_risk(self) -> bool:
        """Running, not yet late, and ``AT_RISK_WORKING_DAYS`` or fewer working days left."""
        return (
            self.phase == RUNNING
            and not self.overdue
            and self.working_days_left is not None
            and self.working_days_left <= AT_RISK_WORKING_DAYS
        )

    @property
    def correction_overdue(self) -> bool:
        return (
            self.phase == AWAITING_CORRECTION
            and self.correction_due is not None
            and self.today > self.correction_due.date
        )

    @property
    def party_overdue(self) -> bool:
        return self.party_due is not None and self.today > self.party_due.date

    @property
    def extended(self) -> bool:
        return self.extension_working_days > 0


class _Counter:
    """Wraps the calendar and collects the years without data every count ran through."""

    def __init__(self, calendar: WorkdayCalendar) -> None:
        self.calendar = calendar
        self.uncertain: set[int] = set()

    def add(self, start: dt.date, n: int) -> Deadline:
        result = self.calendar.add_working_days(start, max(n, 0))
        self.uncertain.update(result.uncertain_years)
        return result

    def between(self, start: dt.date, end: dt.date) -> int:
        result = self.calendar.working_days_between(start, end)
        self.uncertain.update(result.uncertain_years)
        return result.days


def correction_notice_deadline(date_received: dt.date, calendar: WorkdayCalendar) -> Deadline:
    """Art. 30: the 补正 notice must go out within 7 working days of receipt."""
    return calendar.add_working_days(date_received, CORRECTION_NOTICE_WORKING_DAYS)


def consultation_deadline(date_party_received: dt.date, calendar: WorkdayCalendar) -> Deadline:
    """Arts 32, 34: the consulted party answers within 15 working days of receiving the letter."""
    return calendar.add_working_days(date_party_received, CONSULTATION_WORKING_DAYS)


def fee_payment_deadline(date_notice_received: dt.date, calendar: WorkdayCalendar) -> Deadline:
    """国办函〔2020〕109号: pay within 20 working days counted from the day after receiving the notice."""
    return calendar.add_working_days(date_notice_received, FEE_PAYMENT_WORKING_DAYS)


def case_clock(
    rows: Sequence[ClockRow], calendar: WorkdayCalendar, *, today: dt.date, ended: bool = False
) -> CaseClock:
    """The deadlines of a case from its clock rows (in the order they happened)."""
    counter = _Counter(calendar)
    first_received: dt.date | None = None
    start: dt.date | None = None
    notice: ClockRow | None = None
    spans: list[list[ClockRow | None]] = []  # [pause, resume] pairs of the current period
    extension = 0
    for row in rows:
        if row.kind == ClockEventKind.START:
            first_received = first_received or row.date
            start, spans = row.date, []
        elif row.kind == ClockEventKind.CORRECTION_NOTICE:
            notice, start, spans = row, None, []
        elif row.kind == ClockEventKind.RESTART_AFTER_CORRECTION:
            start, spans = row.date, []
        elif row.kind == ClockEventKind.PAUSE:
            if start is not None and not (spans and spans[-1][1] is None):
                spans.append([row, None])
        elif row.kind == ClockEventKind.RESUME:
            if spans and spans[-1][1] is None:
                spans[-1][1] = row
        elif row.kind == ClockEventKind.EXTENSION:
            extension += row.working_days

    allowance = REPLY_WORKING_DAYS + extension
    base = {
        "today": today,
        "date_first_received": first_received,
        "allowance_working_days": allowance,
        "extension_working_days": extension,
        "correction_notice_sent": notice is not None,
    }
    if first_received is None:
        return CaseClock(phase=STOPPED if ended else NOT_STARTED, **base)  # type: ignore[arg-type]

    correction_notice_due = counter.add(first_received, CORRECTION_NOTICE_WORKING_DAYS)
    if start is None:  # a 补正 notice went out and the corrected application has not come back
        assert notice is not None
        correction_due = counter.add(notice.date_party_received or notice.date, notice.working_days)
        return CaseClock(
            phase=STOPPED if ended else AWAITING_CORRECTION,
            correction_notice_due=correction_notice_due,
            correction_due=correction_due,
            uncertain_years=tuple(sorted(counter.uncertain)),
            **base,  # type: ignore[arg-type]
        )

    # Walk the active spans: (start, P1], (R1, P2], … consuming working days until the allowance.
    consumed = 0
    paused_days = 0
    due: Deadline | None = None
    cursor: dt.date | None = start
    pauses: list[Pause] = []
    for pause_row, resume_row in spans:
        assert pause_row is not None and cursor is not None
        span = counter.between(cursor, pause_row.date)
        if due is None and consumed + span >= allowance:
            due = counter.add(cursor, allowance - consumed)
        consumed += span
        resumed = resume_row.date if resume_row is not None else None
        left_out = counter.between(pause_row.date, resumed or max(today, pause_row.date))
        paused_days += left_out
        pauses.append(
            Pause(
                cause=pause_row.cause,
                date_paused=pause_row.date,
                date_resumed=resumed,
                date_party_received=pause_row.date_party_received or pause_row.date,
                paused_working_days=left_out,
            )
        )
        cursor = resumed

    open_pause = pauses[-1] if pauses and pauses[-1].date_resumed is None else None
    party_due: Deadline | None = None
    if open_pause is not None:
        phase = PAUSED
        if due is None:  # provisional: the date if counting resumed today
            due = counter.add(max(today, open_pause.date_paused), allowance - consumed)
        left = allowance - consumed
        if open_pause.cause == PauseCause.FEE:
            party_due = counter.add(open_pause.date_party_received, FEE_PAYMENT_WORKING_DAYS)
        else:
            party_due = counter.add(open_pause.date_party_received, CONSULTATION_WORKING_DAYS)
    else:
        phase = RUNNING
        assert cursor is not None
        if due is None:
            due = counter.add(cursor, allowance - consumed)
        consumed += counter.between(cursor, today)
        left = counter.between(today, due.date) if today <= due.date else -counter.between(due.date, today)

    return CaseClock(
        phase=STOPPED if ended else phase,
        date_start=start,
        correction_notice_due=correction_notice_due,
        consumed_working_days=min(consumed, allowance) if phase == RUNNING else consumed,
        paused_working_days=paused_days,
        pauses=tuple(pauses),
        open_pause=open_pause,
        party_due=party_due,
        reply_due=due,
        working_days_left=left,
        uncertain_years=tuple(sorted(counter.uncertain)),
        **base,  # type: ignore[arg-type]
    )


def extension_total(rows: Iterable[ClockRow]) -> int:
    """Working days of extension granted so far."""
    return sum(r.working_days for r in rows if r.kind == ClockEventKind.EXTENSION)
