"""Reads on the working-day calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.calendars.models import HolidayYear
from gongkai.calendars.workdays import HOLIDAY, WORKDAY, DayMark, WorkdayCalendar, library_arrangements


def entered_arrangements() -> dict[int, dict[dt.date, DayMark]]:
    """Every entered year with its days, in one query (a year with no days is still a known year)."""
    years: dict[int, dict[dt.date, DayMark]] = {}
    rows = HolidayYear.objects.values_list("year", "days__date", "days__kind", "days__name")
    for year, day, kind, name in rows:
        marks = years.setdefault(year, {})
        if day is not None:
            marks[day] = DayMark(kind, name)
    return years


def get_calendar() -> WorkdayCalendar:
    """The calendar to count deadlines with: library data, overridden by the years the office entered.

    Rebuilt on every call from one small query (a few dozen rows a year), so it is always current,
    also right after an arrangement was saved and in tests; the library part is cached in memory.
    """
    return WorkdayCalendar(entered_arrangements())


@dataclass(frozen=True)
class YearStatus:
    """One row of the year overview."""

    year: int
    in_library: bool
    entered: HolidayYear | None
    holidays: int
    workdays: int

    @property
    def known(self) -> bool:
        return self.in_library or self.entered is not None

    @property
    def source_label(self) -> str:
        if self.entered is not None:
            return "公开办录入（覆盖内置数据）" if self.in_library else "公开办录入"
        return "内置数据（chinesecalendar）" if self.in_library else "缺少数据"


def calendar_years_overview(*, today: dt.date, recent: int = 3) -> list[YearStatus]:
    """The years worth showing, newest first: ``recent`` years back from ``today``, through next year,
    plus every entered year, so a missing current or next year is visible at a glance.
    """
    calendar = get_calendar()
    entered = {y.year: y for y in HolidayYear.objects.select_related("entered_by")}
    library_years = set(library_arrangements())
    years = set(range(today.year - recent, today.year + 2)) | set(entered)
    rows = []
    for year in sorted(years, reverse=True):
        marks = calendar.marks_in_year(year)
        rows.append(
            YearStatus(
                year=year,
                in_library=year in library_years,
                entered=entered.get(year),
                holidays=sum(1 for m in marks.values() if m.kind == HOLIDAY),
                workdays=sum(1 for m in marks.values() if m.kind == WORKDAY),
            )
        )
    return rows


def library_year_range() -> tuple[int, int]:
    """First and last year of the built-in library data."""
    years = library_arrangements()
    return min(years), max(years)
