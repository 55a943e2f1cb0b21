"""Working-day arithmetic for statutory deadlines (工作日计算).

Pure logic, no database: a :class:`WorkdayCalendar` is built from the ``chinesecalendar`` library and
from the arrangements the openness office entered (see :mod:`gongkai.calendars.selectors`).

A working day is a Monday–Friday that is not a public holiday, or a Saturday/Sunday that the State
Council made a working day (调休上班日). Statutory periods start counting on the day after the
triggering event, so the start day itself is never counted.

For a year without any calendar data the weekend-only rule is the best available estimate, but it is
often wrong by several days (春节, 国庆). Every result therefore says whether it ran through such a
year (``certain=False`` and ``uncertain_years``) instead of silently trusting the estimate.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import chinese_calendar
from chinese_calendar.constants import Holiday

HOLIDAY = "holiday"
WORKDAY = "workday"
KINDS = frozenset({HOLIDAY, WORKDAY})

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DayMark:
    """A day that differs from the plain Monday–Friday rule, or a named holiday on a weekend."""

    kind: str  # HOLIDAY or WORKDAY
    name: str = ""


@dataclass(frozen=True)
class Deadline:
    """The result of counting working days forward from a date."""

    date: dt.date
    certain: bool
    uncertain_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class WorkdayCount:
    """The number of working days in a span, with the same uncertainty as :class:`Deadline`."""

    days: int
    certain: bool
    uncertain_years: tuple[int, ...] = ()


YearMarks = Mapping[dt.date, DayMark | str]


def _chinese_holiday_names() -> dict[str, str]:
    return {member.value: member.chinese for member in Holiday}


@functools.cache
def library_arrangements() -> dict[int, dict[dt.date, DayMark]]:
    """Every year the ``chinesecalendar`` library covers, with its holidays and adjusted working days.

    The library supports the whole range between its first and last holiday year (it raises
    ``NotImplementedError`` outside it), so each year of that range is included even if it had no
    special days.
    """
    names = _chinese_holiday_names()
    first = min(chinese_calendar.holidays).year
    last = max(chinese_calendar.holidays).year
    years: dict[int, dict[dt.date, DayMark]] = {year: {} for year in range(first, last + 1)}
    for day, english in chinese_calendar.holidays.items():
        years[day.year][day] = DayMark(HOLIDAY, names.get(english, english))
    # The library gives adjusted working days precedence over holidays; so do we.
    for day, english in chinese_calendar.workdays.items():
        years[day.year][day] = DayMark(WORKDAY, names.get(english, english))
    return years


class WorkdayCalendar:
    """Answers "is this a working day?" and counts working days, knowing which years it has data for.

    ``entered`` maps a year to its special days (``{date: "holiday" | "workday" | DayMark}``); an
    entered year replaces the library's data for that year entirely, even if it is empty.
    ``library`` defaults to the ``chinesecalendar`` data; pass ``{}`` to use entered years only.
    """

    def __init__(
        self,
        entered: Mapping[int, YearMarks] | None = None,
        *,
        library: Mapping[int, YearMarks] | None = None,
    ) -> None:
        merged: dict[int, YearMarks] = dict(library_arrangements() if library is None else library)
        self._entered_years = frozenset(entered or {})
        self._library_years = frozenset(merged)
        merged.update(entered or {})
        self._known: frozenset[int] = frozenset(merged)
        self._marks: dict[dt.date, DayMark] = {}
        for year, marks in merged.items():
            for day, mark in marks.items():
                if day.year != year:
                    raise ValueError(f"{day.isoformat()} is filed under year {year}")
                mark = mark if isinstance(mark, DayMark) else DayMark(mark)
                if mark.kind not in KINDS:
                    raise ValueError(f"unknown day kind {mark.kind!r}")
                self._marks[day] = mark

    # --- what the calendar knows -------------------------------------------------------------

    def is_known_year(self, year: int) -> bool:
        """Whether the year has calendar data (from the library or entered by the office)."""
        return year in self._known

    @property
    def known_years(self) -> frozenset[int]:
        return self._known

    @property
    def library_years(self) -> frozenset[int]:
        return self._library_years

    @property
    def entered_years(self) -> frozenset[int]:
        return self._entered_years

    def mark(self, d: dt.date) -> DayMark | None:
        """The holiday or adjusted-working-day mark of a date, if it has one."""
        return self._marks.get(d)

    def marks_in_year(self, year: int) -> dict[dt.date, DayMark]:
        """All marked days of one year, in date order."""
        return {d: m for d, m in sorted(self._marks.items()) if d.year == year}

    def is_working_day(self, d: dt.date) -> bool:
        """Whether ``d`` is a working day; for a year without data, the weekend-only estimate.

        Callers that must not rely on an estimate check :meth:`is_known_year` (the counting methods
        do this themselves).
        """
        mark = self._marks.get(d)
        if mark is not None:
            return mark.kind == WORKDAY
        return d.weekday() < 5

    # --- counting ----------------------------------------------------------------------------

    def _uncertain(self, years: Iterable[int]) -> tuple[int, ...]:
        return tuple(sorted({y for y in years if y not in self._known}))

    def add_working_days(self, start: dt.date, n: int) -> Deadline:
        """The date ``n`` working days after ``start`` (``start`` itself not counted; ``n=0`` → ``start``).

        Raises ``ValueError`` for a negative ``n`` or a result beyond the representable dates.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        remaining = n
        years_seen: set[int] = set()
        try:
            while remaining:
                day += ONE_DAY
                years_seen.add(day.year)
                if self.is_working_day(day):
                    remaining -= 1
        except OverflowError as exc:
            raise ValueError("the result lies beyond the last representable date") from exc
        uncertain = self._uncertain(years_seen)
        return Deadline(date=day, certain=not uncertain, uncertain_years=uncertain)

    def working_days_between(self, start: dt.date, end: dt.date) -> WorkdayCount:
        """Working days after ``start`` up to and including ``end``; 0 when ``end <= start``."""
        count = 0
        years_seen: set[int] = set()
        day = start
        while day < end:
            day += ONE_DAY
            years_seen.add(day.year)
            if self.is_working_day(day):
                count += 1
        uncertain = self._uncertain(years_seen)
        return WorkdayCount(days=count, certain=not uncertain, uncertain_years=uncertain)

    def next_working_day(self, d: dt.date) -> Deadline:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)
