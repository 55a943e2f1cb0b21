"""Workbench pages of the working-day calendar (工作日历).

Every staff member may look; only the openness office (``can_manage_calendar``) may enter or replace
a year's arrangement. Plain forms, no JavaScript needed.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.accounts.permissions import can_manage_calendar, is_staff_member
from gongkai.calendars.arrangement import format_arrangement
from gongkai.calendars.forms import ArrangementForm, DeadlineForm
from gongkai.calendars.models import MAX_YEAR, MIN_YEAR, HolidayYear
from gongkai.calendars.selectors import calendar_years_overview, get_calendar, library_year_range
from gongkai.calendars.services import holiday_year_save
from gongkai.calendars.workdays import HOLIDAY, WORKDAY, DayMark, WorkdayCalendar
from gongkai.core.clock import get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput

WEEKDAY_LABELS = ["一", "二", "三", "四", "五", "六", "日"]


def _require_viewer(user: Any) -> None:
    if not (is_staff_member(user) or user.is_superuser):
        raise PermissionDenied("只有工作人员可以查看工作日历。")


def _require_manager(user: Any) -> None:
    if not can_manage_calendar(user):
        raise PermissionDenied("只有公开办可以录入节假日安排。")


@login_required
def year_list(request: HttpRequest) -> HttpResponse:
    """Overview of the years: where the data comes from, which years are missing; a deadline check."""
    _require_viewer(request.user)
    today = get_clock().today()
    rows = calendar_years_overview(today=today)
    missing = [r.year for r in rows if not r.known and r.year >= today.year]

    result = None
    form = DeadlineForm(request.GET if "start" in request.GET else None)
    if form.is_bound and form.is_valid():
        calendar = get_calendar()
        try:
            result = calendar.add_working_days(form.cleaned_data["start"], form.cleaned_data["days"])
        except ValueError:
            form.add_error(None, "结果超出可计算的日期范围。")
    first, last = library_year_range()
    return render(
        request,
        "calendars/year_list.html",
        {
            "rows": rows,
            "missing": missing,
            "today": today,
            "library_first": first,
            "library_last": last,
            "can_manage": can_manage_calendar(request.user),  # type: ignore[arg-type]
            "form": form,
            "result": result,
        },
    )


@dataclass(frozen=True)
class Cell:
    date: dt.date
    in_month: bool
    working: bool
    mark: DayMark | None

    @property
    def css(self) -> str:
        if not self.in_month:
            return "other"
        if self.mark is not None and self.mark.kind == WORKDAY:
            return "adjusted"
        if self.mark is not None and self.mark.kind == HOLIDAY:
            return "holiday"
        return "work" if self.working else "weekend"

    @property
    def label(self) -> str:
        """A word next to the day number, so the grid is readable without colour."""
        if not self.in_month or self.mark is None:
            return ""
        return "班" if self.mark.kind == WORKDAY else "休"


def _months(calendar: WorkdayCalendar, year: int) -> list[dict[str, Any]]:
    grid = pycalendar.Calendar(firstweekday=0)
    months = []
    for month in range(1, 13):
        weeks = [
            [
                Cell(
                    date=d,
                    in_month=d.month == month,
                    working=calendar.is_working_day(d),
                    mark=calendar.mark(d),
                )
                for d in week
            ]
            for week in grid.monthdatescalendar(year, month)
        ]
        working = sum(1 for week in weeks for c in week if c.in_month and c.working)
        months.append({"month": month, "weeks": weeks, "working_days": working})
    return months


@login_required
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    """A read-only year grid with holidays and adjusted working days marked."""
    _require_viewer(request.user)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("年份超出范围")
    calendar = get_calendar()
    entered = HolidayYear.objects.select_related("entered_by").filter(year=year).first()
    marks = calendar.marks_in_year(year)
    return render(
        request,
        "calendars/year_detail.html",
        {
            "year": year,
            "known": calendar.is_known_year(year),
            "in_library": year in calendar.library_years,
            "entered": entered,
            "marks": marks,
            "months": _months(calendar, year),
            "weekday_labels": WEEKDAY_LABELS,
            "can_manage": can_manage_calendar(request.user),  # type: ignore[arg-type]
            "previous_year": year - 1 if year > MIN_YEAR else None,
            "next_year": year + 1 if year < MAX_YEAR else None,
        },
    )


@login_required
def year_edit(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """Enter or replace one year's arrangement by pasting the text format (openness office only)."""
    _require_manager(request.user)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("年份超出范围")
    calendar = get_calendar()

    if request.method == "POST":
        form = ArrangementForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = holiday_year_save(
                    actor=Actor.from_request(request),
                    year=data["year"],
                    holidays=data["holidays"],
                    workdays=data["workdays"],
                    source=data["source"],
                )
            except InvalidInput as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"已保存{saved.year}年节假日安排，自即日起按此计算工作日。")
                return redirect("calendars:year_detail", year=saved.year)
        target = form.data.get("year")
    else:
        if year is None:
            # Suggest the first year from now on that has no data: usually next year.
            today = get_clock().today()
            year = next(
                (y for y in range(today.year, MAX_YEAR + 1) if not calendar.is_known_year(y)), today.year + 1
            )
        entered = HolidayYear.objects.filter(year=year).first()
        # Start from what is stored (entered or built-in), so a correction is an edit, not a retype.
        form = ArrangementForm(
            initial={
                "year": year,
                "source": entered.source if entered else "",
                "text": format_arrangement(calendar.marks_in_year(year)),
            }
        )
        target = year

    try:
        target_year: int | None = int(target) if target is not None else None
    except (TypeError, ValueError):
        target_year = None
    return render(
        request,
        "calendars/year_edit.html",
        {
            "form": form,
            "year": target_year,
            "entered": HolidayYear.objects.filter(year=target_year).first() if target_year else None,
            "in_library": target_year in calendar.library_years,
        },
    )
