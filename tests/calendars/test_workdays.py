"""Pure working-day logic: no database. Expected dates were checked against chinesecalendar's data
(2026: 国庆 10-01…10-07 with 调休 09-20 and 10-10; 春节 02-15…02-23 with 调休 02-14 and 02-28)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.calendars.workdays import (
    HOLIDAY,
    WORKDAY,
    DayMark,
    Deadline,
    WorkdayCalendar,
    library_arrangements,
)

D = dt.date
CAL = WorkdayCalendar()
LIBRARY_FIRST, LIBRARY_LAST = min(library_arrangements()), max(library_arrangements())
MISSING = LIBRARY_LAST + 1  # the first year the library does not cover (2027 with chinesecalendar 1.11)


def test_library_years_match_the_library() -> None:
    assert CAL.is_known_year(2025) and CAL.is_known_year(2026)
    assert not CAL.is_known_year(MISSING)
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(MISSING, 3, 1))


@pytest.mark.parametrize(
    "day", [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 9, 20), D(2026, 10, 10)]
)
def test_adjusted_weekends_are_working_days(day: dt.date) -> None:
    assert day.weekday() >= 5
    assert chinese_calendar.is_workday(day)
    assert CAL.is_working_day(day)
    assert CAL.mark(day) == DayMark(WORKDAY, CAL.mark(day).name)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "day", [D(2026, 10, 1), D(2026, 10, 7), D(2026, 2, 16), D(2026, 9, 25), D(2025, 1, 28)]
)
def test_weekday_holidays_are_not_working_days(day: dt.date) -> None:
    assert day.weekday() < 5
    assert not CAL.is_working_day(day)
    assert CAL.mark(day) is not None and CAL.mark(day).kind == HOLIDAY  # type: ignore[union-attr]


def test_holiday_names_are_chinese() -> None:
    assert CAL.mark(D(2026, 2, 16)) == DayMark(HOLIDAY, "春节")
    assert CAL.mark(D(2026, 10, 10)) == DayMark(WORKDAY, "国庆节")


def test_whole_library_agrees_with_chinese_calendar() -> None:
    day = D(LIBRARY_FIRST, 1, 1)
    while day.year <= LIBRARY_LAST:
        assert CAL.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_last_working_day_before_national_day() -> None:
    # 09-25 (Fri) is 中秋 and 09-26/27 a weekend, so the last working day before 国庆 is 09-30.
    assert CAL.is_working_day(D(2026, 9, 30))
    assert CAL.next_working_day(D(2026, 9, 30)) == Deadline(D(2026, 10, 8), True, ())
    assert CAL.add_working_days(D(2026, 9, 24), 1).date == D(2026, 9, 28)


def test_add_across_national_day() -> None:
    # 10-08 Thu, 10-09 Fri, 10-10 Sat (调休), 10-12 Mon, 10-13 Tue.
    assert CAL.add_working_days(D(2026, 9, 30), 5) == Deadline(D(2026, 10, 13), True, ())
    assert CAL.add_working_days(D(2026, 9, 30), 3).date == D(2026, 10, 10)


def test_add_across_spring_festival() -> None:
    assert CAL.add_working_days(D(2026, 2, 13), 1).date == D(2026, 2, 14)  # 调休 Saturday
    assert CAL.add_working_days(D(2026, 2, 14), 1).date == D(2026, 2, 24)
    # 2025: 01-26 (Sun) is 调休; 春节 01-28…02-04.
    assert CAL.add_working_days(D(2025, 1, 24), 2).date == D(2025, 1, 27)
    assert CAL.add_working_days(D(2025, 1, 27), 1).date == D(2025, 2, 5)


def test_start_day_is_not_counted_and_zero_is_start() -> None:
    assert CAL.add_working_days(D(2026, 6, 15), 1).date == D(2026, 6, 16)
    assert CAL.add_working_days(D(2026, 10, 3), 0) == Deadline(D(2026, 10, 3), True, ())
    with pytest.raises(ValueError):
        CAL.add_working_days(D(2026, 6, 15), -1)


def test_twenty_working_days_from_a_saturday() -> None:
    # 依申请公开: 20 working days. 2026-06-13 is a Saturday; 06-19 is 端午.
    assert CAL.add_working_days(D(2026, 6, 13), 20).date == D(2026, 7, 13)


def test_between() -> None:
    assert CAL.working_days_between(D(2026, 9, 30), D(2026, 10, 13)).days == 5
    assert CAL.working_days_between(D(2026, 10, 1), D(2026, 10, 7)).days == 0
    assert CAL.working_days_between(D(2026, 10, 13), D(2026, 9, 30)).days == 0
    assert CAL.working_days_between(D(2026, 10, 13), D(2026, 10, 13)).certain


def test_year_without_data_is_flagged_not_silent() -> None:
    start = D(LIBRARY_LAST, 12, 24)
    result = CAL.add_working_days(start, 10)
    assert result.certain is False
    assert result.uncertain_years == (MISSING,)
    assert result.date.year == MISSING
    count = CAL.working_days_between(start, result.date)
    assert count.days == 10 and not count.certain and count.uncertain_years == (MISSING,)
    # Staying inside known years is certain, even right up to the year's last day.
    assert CAL.working_days_between(start, D(LIBRARY_LAST, 12, 31)).certain


def test_uncertain_years_lists_every_missing_year() -> None:
    result = CAL.add_working_days(D(LIBRARY_LAST, 12, 1), 600)
    assert result.uncertain_years == (MISSING, MISSING + 1, MISSING + 2)


def test_entered_year_overrides_library_and_counts_as_known() -> None:
    # An entered 2026 without the 10-10 调休 and with 10-08 as an extra holiday.
    entered = {2026: {D(2026, 10, d): DayMark(HOLIDAY, "国庆节") for d in range(1, 9)}}
    cal = WorkdayCalendar(entered)
    assert not cal.is_working_day(D(2026, 10, 10))
    # The entered year replaces the whole year: its 春节 was not entered, so 02-16 (Mon) is a working day.
    assert cal.is_working_day(D(2026, 2, 16))
    assert cal.add_working_days(D(2026, 9, 30), 1).date == D(2026, 10, 9)
    cal2 = WorkdayCalendar({MISSING: {D(MISSING, 1, 1): "holiday"}})
    assert cal2.is_known_year(MISSING)
    assert cal2.add_working_days(D(MISSING, 1, 1), 5).certain
    assert MISSING in cal2.entered_years and MISSING not in cal2.library_years


def test_entered_only_calendar() -> None:
    cal = WorkdayCalendar({2030: {}}, library={})
    assert cal.known_years == frozenset({2030})
    assert not cal.add_working_days(D(2026, 1, 1), 1).certain


def test_misfiled_or_unknown_marks_are_rejected() -> None:
    with pytest.raises(ValueError):
        WorkdayCalendar({2030: {D(2031, 1, 1): "holiday"}})
    with pytest.raises(ValueError):
        WorkdayCalendar({2030: {D(2030, 1, 1): "vacation"}})


def test_overflow_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(D(9999, 12, 30), 5)


# --- properties --------------------------------------------------------------------------------

any_day = st.dates(min_value=D(2003, 1, 1), max_value=D(2032, 12, 31))
known_day = st.dates(min_value=D(LIBRARY_FIRST, 1, 1), max_value=D(LIBRARY_LAST - 2, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@settings(max_examples=300, deadline=None)
@given(any_day, st.integers(min_value=1, max_value=400))
def test_result_is_a_working_day_after_start(d: dt.date, n: int) -> None:
    result = CAL.add_working_days(d, n)
    assert result.date > d
    assert CAL.is_working_day(result.date)


@settings(max_examples=300, deadline=None)
@given(any_day, counts)
def test_between_inverts_add(d: dt.date, n: int) -> None:
    result = CAL.add_working_days(d, n)
    count = CAL.working_days_between(d, result.date)
    assert count.days == n
    assert (count.certain, count.uncertain_years) == (result.certain, result.uncertain_years)


@settings(max_examples=200, deadline=None)
@given(any_day, counts, counts)
def test_monotonic_in_n(d: dt.date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert CAL.add_working_days(d, lo).date <= CAL.add_working_days(d, hi).date
    if lo < hi:
        assert CAL.add_working_days(d, lo).date < CAL.add_working_days(d, hi).date


@settings(max_examples=200, deadline=None)
@given(any_day, counts, counts)
def test_additive(d: dt.date, a: int, b: int) -> None:
    assert (
        CAL.add_working_days(CAL.add_working_days(d, a).date, b).date == CAL.add_working_days(d, a + b).date
    )


@settings(max_examples=200, deadline=None)
@given(known_day, st.integers(min_value=0, max_value=200))
def test_inside_library_years_is_certain(d: dt.date, n: int) -> None:
    assert CAL.add_working_days(d, n).certain


@settings(max_examples=200, deadline=None)
@given(any_day, any_day)
def test_between_counts_working_days_in_the_span(a: dt.date, b: dt.date) -> None:
    start, end = sorted((a, b))
    if (end - start).days > 800:
        end = start + dt.timedelta(days=800)
    expected = sum(
        1 for i in range(1, (end - start).days + 1) if CAL.is_working_day(start + dt.timedelta(days=i))
    )
    assert CAL.working_days_between(start, end).days == expected
    assert CAL.working_days_between(end, start).days == 0 or start == end


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=D(2040, 1, 1), max_value=D(2040, 12, 31)), st.integers(min_value=1, max_value=100))
def test_year_without_data_is_never_certain(d: dt.date, n: int) -> None:
    result = CAL.add_working_days(d, n)
    assert not result.certain and result.date.year in result.uncertain_years
    assert result.date.weekday() < 5  # the estimate: weekends only
