"""The pure case clock, walked through whole cases across the 2025/2026 Spring Festival and National
Day holidays (with their 调休 Saturdays and Sundays), across pauses and into a year without calendar
data. No database: the calendar is the ``chinesecalendar`` library data."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from gongkai.calendars.workdays import WorkdayCalendar
from gongkai.disclosure.choices import ClockEventKind as K
from gongkai.disclosure.choices import PauseCause
from gongkai.disclosure.clock import (
    AWAITING_CORRECTION,
    NOT_STARTED,
    PAUSED,
    RUNNING,
    STOPPED,
    ClockRow,
    case_clock,
    consultation_deadline,
    correction_notice_deadline,
    fee_payment_deadline,
)
from gongkai.disclosure.constants import REPLY_WORKING_DAYS

D = dt.date
CAL = WorkdayCalendar()


def start(d: dt.date) -> ClockRow:
    return ClockRow(kind=K.START, date=d)


def test_library_has_the_holidays_these_walks_rely_on() -> None:
    """Read the actual arrangements, so a change in the library shows up here, not as a wrong date."""
    assert chinese_calendar.is_workday(D(2025, 1, 26)) and chinese_calendar.is_workday(D(2025, 2, 8))
    assert all(chinese_calendar.is_holiday(D(2025, 1, 28) + dt.timedelta(days=i)) for i in range(8))
    assert chinese_calendar.is_workday(D(2025, 9, 28)) and chinese_calendar.is_workday(D(2025, 10, 11))
    assert chinese_calendar.is_holiday(D(2025, 10, 8))
    assert chinese_calendar.is_workday(D(2026, 2, 14)) and chinese_calendar.is_workday(D(2026, 2, 28))
    assert chinese_calendar.is_holiday(D(2026, 2, 23))
    assert chinese_calendar.is_workday(D(2026, 9, 20)) and chinese_calendar.is_workday(D(2026, 10, 10))
    assert chinese_calendar.is_holiday(D(2026, 9, 25))  # 中秋 falls on a Friday in 2026
    assert not CAL.is_known_year(2027)


def test_no_rows_means_not_started() -> None:
    state = case_clock([], CAL, today=D(2026, 6, 15))
    assert state.phase == NOT_STARTED and state.reply_due is None and not state.overdue


def test_spring_festival_2025_with_two_adjusted_working_days() -> None:
    # Received Fri 24 Jan. Counting: Sun 26 Jan (调休上班) 1, Mon 27 2, 28 Jan–4 Feb off,
    # 5–7 Feb 3–5, Sat 8 Feb (调休上班) 6, 10–14 Feb 7–11, 17–21 Feb 12–16, 24–27 Feb 17–20.
    state = case_clock([start(D(2025, 1, 24))], CAL, today=D(2025, 1, 24))
    assert state.reply_due is not None and state.reply_due.date == D(2025, 2, 27)
    assert state.certain and state.phase == RUNNING
    assert state.working_days_left == REPLY_WORKING_DAYS


def test_national_day_2025_and_the_correction_path() -> None:
    received = D(2025, 9, 25)  # Thursday before the 8-day National Day / Mid-Autumn break
    # The 补正 notice deadline: 26 Sep 1, Sun 28 Sep 2, 29 3, 30 4, (1–8 Oct off), 9 Oct 5, 10 6,
    # Sat 11 Oct (调休上班) 7 — a Saturday.
    assert correction_notice_deadline(received, CAL).date == D(2025, 10, 11)
    assert case_clock([start(received)], CAL, today=received).reply_due.date == D(2025, 10, 29)  # type: ignore[union-attr]

    notice = ClockRow(kind=K.CORRECTION_NOTICE, date=D(2025, 9, 29), working_days=15)
    waiting = case_clock([start(received), notice], CAL, today=D(2025, 10, 20))
    assert waiting.phase == AWAITING_CORRECTION
    assert waiting.reply_due is None and not waiting.overdue
    assert waiting.correction_due is not None and waiting.correction_due.date == D(2025, 10, 27)
    assert not waiting.correction_overdue
    assert case_clock([start(received), notice], CAL, today=D(2025, 10, 28)).correction_overdue

    # Corrected on 20 Oct: a fresh 20 working days from the corrected receipt.
    restarted = case_clock(
        [start(received), notice, ClockRow(kind=K.RESTART_AFTER_CORRECTION, date=D(2025, 10, 20))],
        CAL,
        today=D(2025, 10, 20),
    )
    assert restarted.phase == RUNNING and restarted.date_start == D(2025, 10, 20)
    assert restarted.reply_due is not None and restarted.reply_due.date == D(2025, 11, 17)
    assert restarted.date_first_received == received


def test_spring_festival_2026_with_a_third_party_consultation() -> None:
    received = D(2026, 2, 9)
    plain = case_clock([start(received)], CAL, today=received)
    assert plain.reply_due is not None and plain.reply_due.date == D(2026, 3, 13)

    rows = [
        start(received),
        ClockRow(kind=K.PAUSE, date=D(2026, 2, 12), cause=PauseCause.THIRD_PARTY),  # 3 days used
    ]
    paused = case_clock(rows, CAL, today=D(2026, 2, 25))
    assert paused.phase == PAUSED and not paused.overdue and not paused.at_risk
    assert paused.working_days_left == 17  # frozen while paused
    # The third party has 15 working days from receiving the letter (Sat 14 Feb and Sat 28 Feb count).
    assert paused.party_due is not None and paused.party_due.date == D(2026, 3, 11)
    assert consultation_deadline(D(2026, 2, 12), CAL).date == D(2026, 3, 11)

    # Answer on Tue 3 Mar: 13 Feb, Sat 14 Feb, 24–28 Feb, 2–3 Mar = 9 working days left out.
    rows.append(ClockRow(kind=K.RESUME, date=D(2026, 3, 3)))
    resumed = case_clock(rows, CAL, today=D(2026, 3, 3))
    assert resumed.phase == RUNNING and resumed.paused_working_days == 9
    assert resumed.reply_due is not None and resumed.reply_due.date == D(2026, 3, 26)
    assert resumed.working_days_left == 17


def test_national_day_2026_with_an_extension() -> None:
    received = D(2026, 9, 18)  # Fri; Sun 20 Sep works, 25 Sep (中秋) and 1–7 Oct are off, Sat 10 Oct works
    rows = [start(received)]
    assert case_clock(rows, CAL, today=received).reply_due.date == D(2026, 10, 22)  # type: ignore[union-attr]
    rows.append(ClockRow(kind=K.EXTENSION, date=D(2026, 10, 20), working_days=20))
    extended = case_clock(rows, CAL, today=D(2026, 10, 20))
    assert extended.extended and extended.allowance_working_days == 40
    assert extended.reply_due is not None and extended.reply_due.date == D(2026, 11, 19)


def test_fee_notice_pause_and_payment_deadline() -> None:
    # Notice received Fri 6 Feb 2026; 20 working days from the next day, over the Spring Festival.
    assert fee_payment_deadline(D(2026, 2, 6), CAL).date == D(2026, 3, 12)
    rows = [
        start(D(2026, 2, 2)),
        ClockRow(kind=K.PAUSE, date=D(2026, 2, 5), cause=PauseCause.FEE, date_party_received=D(2026, 2, 6)),
    ]
    state = case_clock(rows, CAL, today=D(2026, 3, 13))
    assert state.phase == PAUSED and state.party_due is not None
    assert state.party_due.date == D(2026, 3, 12) and state.party_overdue


def test_days_left_at_risk_and_overdue() -> None:
    rows = [start(D(2026, 2, 9))]  # due Fri 13 Mar 2026
    assert case_clock(rows, CAL, today=D(2026, 3, 9)).working_days_left == 4
    assert not case_clock(rows, CAL, today=D(2026, 3, 9)).at_risk
    on_10th = case_clock(rows, CAL, today=D(2026, 3, 10))
    assert on_10th.working_days_left == 3 and on_10th.at_risk and not on_10th.overdue
    on_due = case_clock(rows, CAL, today=D(2026, 3, 13))
    assert on_due.working_days_left == 0 and on_due.at_risk and not on_due.overdue
    late = case_clock(rows, CAL, today=D(2026, 3, 17))
    assert late.overdue and not late.at_risk and late.working_days_left == -2
    assert case_clock(rows, CAL, today=D(2026, 3, 17), ended=True).phase == STOPPED
    assert not case_clock(rows, CAL, today=D(2026, 3, 17), ended=True).overdue


def test_a_pause_after_the_deadline_does_not_move_it() -> None:
    rows = [
        start(D(2026, 2, 9)),
        ClockRow(kind=K.PAUSE, date=D(2026, 3, 20), cause=PauseCause.THIRD_PARTY),
        ClockRow(kind=K.RESUME, date=D(2026, 4, 10)),
    ]
    state = case_clock(rows, CAL, today=D(2026, 4, 13))
    assert state.reply_due is not None and state.reply_due.date == D(2026, 3, 13) and state.overdue


def test_a_deadline_in_a_year_without_calendar_data_is_flagged() -> None:
    state = case_clock([start(D(2026, 12, 15))], CAL, today=D(2026, 12, 15))
    assert state.reply_due is not None
    # Weekend-only estimate (1 Jan 2027 counted as a working day), flagged rather than trusted.
    assert state.reply_due.date == D(2027, 1, 12)
    assert not state.certain and state.uncertain_years == (2027,)
    assert state.reply_due.date.weekday() < 5  # never lands on a weekend

    with_2027 = WorkdayCalendar({2027: {D(2027, 1, 1): "holiday"}})
    entered = case_clock([start(D(2026, 12, 15))], with_2027, today=D(2026, 12, 15))
    assert entered.certain and entered.reply_due is not None and entered.reply_due.date == D(2027, 1, 13)


@pytest.mark.parametrize("received", [D(2025, 1, 24), D(2025, 9, 25), D(2026, 2, 9), D(2026, 9, 18)])
def test_due_date_is_a_working_day_twenty_working_days_on(received: dt.date) -> None:
    due = case_clock([start(received)], CAL, today=received).reply_due
    assert due is not None and CAL.is_working_day(due.date)
    assert CAL.working_days_between(received, due.date).days == REPLY_WORKING_DAYS
