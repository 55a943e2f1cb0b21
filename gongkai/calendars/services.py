"""Writes on the working-day calendar: entering or replacing a year's holiday arrangement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from gongkai.calendars.arrangement import Arrangement, format_arrangement, parse_arrangement
from gongkai.calendars.models import MAX_YEAR, MIN_YEAR, HolidayDay, HolidayKind, HolidayYear
from gongkai.calendars.workdays import DayMark
from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput

__all__ = ["Arrangement", "holiday_year_save", "parse_arrangement"]

MAX_SOURCE_LENGTH = 200
MAX_NAME_LENGTH = 50


def _validate(
    year: int, holidays: Sequence[tuple[dt.date, str]], workdays: Sequence[tuple[dt.date, str]], source: str
) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(f"年份应在{MIN_YEAR}年至{MAX_YEAR}年之间。", field="year")
    if not source:
        raise InvalidInput("请填写安排依据，如“国办发明电〔2026〕X号”。", field="source")
    if len(source) > MAX_SOURCE_LENGTH:
        raise InvalidInput(f"安排依据不能超过{MAX_SOURCE_LENGTH}个字。", field="source")
    if not holidays:
        raise InvalidInput(f"{year}年的安排中至少应有一天法定节假日。", field="text")
    seen: set[dt.date] = set()
    holiday_dates = {d for d, _ in holidays}
    for kind_label, entries in (("节假日", holidays), ("调休上班日", workdays)):
        for day, name in entries:
            if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
                raise InvalidInput(f"{kind_label}中有无法识别的日期。", field="text")
            if day.year != year:
                raise InvalidInput(f"{day.isoformat()} 不在{year}年内。", field="text")
            if not name.strip():
                raise InvalidInput(f"{day.isoformat()} 缺少节日名称。", field="text")
            if len(name.strip()) > MAX_NAME_LENGTH:
                raise InvalidInput(
                    f"{day.isoformat()} 的节日名称不能超过{MAX_NAME_LENGTH}个字。", field="text"
                )
            if day in seen:
                if kind_label == "调休上班日" and day in holiday_dates:
                    raise InvalidInput(f"{day.isoformat()} 不能既是节假日又是调休上班日。", field="text")
                raise InvalidInput(f"{day.isoformat()} 重复出现。", field="text")
            seen.add(day)
    for day, _ in workdays:
        # An adjusted working day only makes sense on a weekend; a weekday is a working day anyway.
        if day.weekday() < 5:
            raise InvalidInput(f"{day.isoformat()} 不是周六或周日，不能作为调休上班日。", field="text")


def _days_text(year: HolidayYear) -> str:
    marks = {d.date: DayMark(d.kind, d.name) for d in year.days.all()}
    return format_arrangement(marks)


@transaction.atomic
def holiday_year_save(
    *,
    actor: Actor,
    year: int,
    holidays: list[tuple[dt.date, str]],
    workdays: list[tuple[dt.date, str]],
    source: str,
    clock: Clock | None = None,
) -> HolidayYear:
    """Enter or replace the holiday arrangement of ``year``; the entered data overrides the library.

    All of the year's days are replaced in one transaction with the audit event; on any invalid
    input ``InvalidInput`` is raised and nothing is saved.
    """
    source = source.strip()
    _validate(year, holidays, workdays, source)
    clock = clock or get_clock()

    # Lock the row so two offices saving the same year at once cannot interleave the replacement.
    existing = HolidayYear.objects.select_for_update().filter(year=year).first()
    before = {"source": existing.source, "days": _days_text(existing)} if existing else {}

    obj = existing or HolidayYear(year=year)
    obj.source = source
    obj.entered_by = actor.user
    obj.entered_at = clock.now()
    obj.save()
    HolidayDay.objects.filter(year=obj).delete()
    HolidayDay.objects.bulk_create(
        [HolidayDay(year=obj, date=d, kind=HolidayKind.HOLIDAY, name=n.strip()) for d, n in holidays]
        + [HolidayDay(year=obj, date=d, kind=HolidayKind.WORKDAY, name=n.strip()) for d, n in workdays]
    )

    after = {"source": source, "days": _days_text(obj)}
    audit_record(
        actor=actor,
        action="calendar.year_update" if existing else "calendar.year_create",
        obj=obj,
        changes={k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]},
        note=f"{year}年：节假日{len(holidays)}天，调休上班日{len(workdays)}天",
        unit=None,
    )
    return obj
