"""The pure ticket clock walked across 国庆 2026 (with the 调休 Sun 20 Sep and Sat 10 Oct), through a
return (pause), a reopening (restart) and into a year without calendar data. No database."""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from gongkai.calendars.workdays import WorkdayCalendar
from gongkai.interaction.choices import ClockEventKind as K
from gongkai.interaction.clock import NOT_STARTED, PAUSED, RUNNING, STOPPED, ClockRow, ticket_clock

D = dt.date
CAL = WorkdayCalendar()


def test_library_has_national_day_2026() -> None:
    assert chinese_calendar.is_workday(D(2026, 9, 20))  # Sunday, 调休上班
    assert chinese_calendar.is_workday(D(2026, 10, 10))  # Saturday, 调休上班
    assert chinese_calendar.is_holiday(D(2026, 9, 25))  # 中秋
    assert all(chinese_calendar.is_holiday(D(2026, 10, 1) + dt.timedelta(days=i)) for i in range(7))
    assert chinese_calendar.is_workday(D(2026, 10, 8))
    assert not CAL.is_known_year(2027)


def test_not_started() -> None:
    c = ticket_clock([], 10, CAL, today=D(2026, 9, 23))
    assert c.phase == NOT_STARTED and c.due is None and not c.overdue and not c.at_risk


def test_complaint_across_national_day() -> None:
    # Dispatched Wed 23 Sep; 10 wd: 24 Sep 1, 28–30 Sep 2–4, 8–9 Oct 5–6, Sat 10 Oct 7, 12–14 Oct 8–10.
    rows = [ClockRow(K.START, D(2026, 9, 23))]
    c = ticket_clock(rows, 10, CAL, today=D(2026, 9, 23))
    assert c.phase == RUNNING and c.due is not None and c.due.date == D(2026, 10, 14)
    assert c.certain and c.working_days_left == 10 and not c.at_risk
    c = ticket_clock(rows, 10, CAL, today=D(2026, 10, 13))
    assert c.working_days_left == 1 and c.at_risk and not c.overdue
    c = ticket_clock(rows, 10, CAL, today=D(2026, 10, 15))
    assert c.overdue and c.working_days_left == -1 and not c.at_risk


def test_return_pauses_and_dispatch_again_resumes() -> None:
    # 3 wd used by Tue 29 Sep (24, 28, 29); returned 29 Sep, dispatched again Fri 9 Oct (30 Sep, 8, 9 Oct
    # left out); 7 wd from 9 Oct: Sat 10, 12–16, 19 Oct.
    rows = [ClockRow(K.START, D(2026, 9, 23)), ClockRow(K.PAUSE, D(2026, 9, 29))]
    c = ticket_clock(rows, 10, CAL, today=D(2026, 10, 8))
    assert c.phase == PAUSED and c.working_days_left == 7 and not c.overdue and not c.at_risk
    assert c.due is not None and c.due.date == D(2026, 10, 16)  # provisional: if dispatched today
    rows.append(ClockRow(K.RESUME, D(2026, 10, 9)))
    c = ticket_clock(rows, 10, CAL, today=D(2026, 10, 9))
    assert c.phase == RUNNING and c.paused_working_days == 3
    assert c.due is not None and c.due.date == D(2026, 10, 19) and c.working_days_left == 7


def test_reply_stops_and_reopen_restarts_with_a_full_period() -> None:
    rows = [ClockRow(K.START, D(2026, 9, 23)), ClockRow(K.STOP, D(2026, 10, 16))]
    c = ticket_clock(rows, 10, CAL, today=D(2026, 10, 20))
    assert c.phase == STOPPED and c.replied_late and not c.overdue
    rows.append(ClockRow(K.RESTART, D(2026, 10, 20)))
    c = ticket_clock(rows, 5, CAL, today=D(2026, 10, 20))
    assert c.phase == RUNNING and c.due is not None and c.due.date == D(2026, 10, 27)
    assert c.date_start == D(2026, 10, 20) and not c.replied_late


def test_year_without_calendar_data_is_flagged() -> None:
    c = ticket_clock([ClockRow(K.START, D(2026, 12, 28))], 10, CAL, today=D(2026, 12, 28))
    assert not c.certain and c.uncertain_years == (2027,)
