"""Saving a year's arrangement: validation, replacement, override of the library, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.calendars.models import HolidayDay, HolidayYear
from gongkai.calendars.selectors import calendar_years_overview, get_calendar
from gongkai.calendars.services import holiday_year_save, parse_arrangement
from gongkai.calendars.workdays import library_arrangements
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.core.models import AuditEvent

D = dt.date
MISSING = max(library_arrangements()) + 1

pytestmark = pytest.mark.django_db


def _save(actor: Actor, year: int = 2027, **kw: Any) -> HolidayYear:
    args: dict[str, Any] = {
        "holidays": [(D(year, 1, 1), "元旦"), *[(D(year, 2, d), "春节") for d in range(6, 13)]],
        "workdays": [(D(year, 2, 14), "春节")] if D(year, 2, 14).weekday() >= 5 else [],
        "source": "国办发明电〔2026〕7号",
    }
    args.update(kw)
    return holiday_year_save(actor=actor, year=year, **args)


def test_entered_year_becomes_known(staff: Any, clock: Any) -> None:
    assert not get_calendar().is_known_year(MISSING)
    year = _save(Actor(staff["office"], "10.0.0.1"), year=MISSING, workdays=[])
    assert year.entered_by == staff["office"]
    assert year.entered_at == clock.now()
    calendar = get_calendar()
    assert calendar.is_known_year(MISSING)
    result = calendar.add_working_days(D(MISSING - 1, 12, 24), 10)
    assert result.certain and result.uncertain_years == ()


def test_entered_year_overrides_library(staff: Any) -> None:
    assert get_calendar().is_working_day(D(2026, 10, 8))
    assert get_calendar().is_working_day(D(2026, 10, 10))  # library 调休
    parsed = parse_arrangement("2026-10-01~2026-10-08 国庆节 休\n2026-09-27 国庆节 班", year=2026)
    holiday_year_save(
        actor=Actor(staff["office"]),
        year=2026,
        holidays=parsed.holidays,
        workdays=parsed.workdays,
        source="更正",
    )
    calendar = get_calendar()
    assert calendar.is_working_day(D(2026, 9, 27))
    assert not calendar.is_working_day(D(2026, 10, 8))
    assert not calendar.is_working_day(D(2026, 10, 10))  # the library's 调休 is gone with the override
    assert calendar.add_working_days(D(2026, 9, 30), 1).date == D(2026, 10, 9)


def test_replacing_a_year_replaces_all_its_days(staff: Any) -> None:
    actor = Actor(staff["office"])
    first = _save(actor)
    second = _save(actor, holidays=[(D(2027, 1, 1), "元旦")], workdays=[], source="国办发明电〔2026〕8号")
    assert first.pk == second.pk
    assert list(HolidayDay.objects.values_list("date", flat=True)) == [D(2027, 1, 1)]
    assert HolidayYear.objects.get().source == "国办发明电〔2026〕8号"
    events = list(AuditEvent.objects.filter(object_type="calendars.holidayyear").order_by("id"))
    assert [e.action for e in events] == ["calendar.year_create", "calendar.year_update"]
    assert events[1].changes["source"] == ["国办发明电〔2026〕7号", "国办发明电〔2026〕8号"]
    assert events[1].changes["days"][1] == "2027-01-01 元旦 休"
    assert events[1].actor == staff["office"]


def test_audit_event_written(staff: Any) -> None:
    year = _save(Actor(staff["office"], "10.1.2.3"))
    event = AuditEvent.objects.get(object_type="calendars.holidayyear")
    assert event.action == "calendar.year_create"
    assert event.object_id == str(year.pk)
    assert event.ip == "10.1.2.3"
    assert "2027-02-06~2027-02-12 春节 休" in event.changes["days"][1]


@pytest.mark.parametrize(
    ("kw", "field", "fragment"),
    [
        ({"year": 1999}, "year", "2000年至2100年"),
        ({"year": 2101}, "year", "2000年至2100年"),
        ({"source": "  "}, "source", "安排依据"),
        ({"holidays": [(D(2028, 1, 1), "元旦")]}, "text", "不在2027年内"),
        ({"workdays": [(D(2027, 2, 15), "春节")]}, "text", "不是周六或周日"),
        ({"workdays": [(D(2027, 2, 6), "春节")]}, "text", "不能既是节假日又是调休上班日"),
        ({"holidays": [(D(2027, 1, 1), "元旦"), (D(2027, 1, 1), "元旦")]}, "text", "重复"),
        ({"holidays": []}, "text", "至少应有一天"),
        ({"holidays": [(D(2027, 1, 1), " ")]}, "text", "缺少节日名称"),
    ],
)
def test_invalid_input_saves_nothing(staff: Any, kw: dict[str, Any], field: str, fragment: str) -> None:
    year = kw.pop("year", 2027)
    with pytest.raises(InvalidInput) as exc:
        _save(Actor(staff["office"]), year=year, **kw)
    assert exc.value.field == field
    assert fragment in exc.value.message
    assert not HolidayYear.objects.exists()
    assert not HolidayDay.objects.exists()
    assert not AuditEvent.objects.filter(object_type="calendars.holidayyear").exists()


def test_invalid_replacement_keeps_the_old_arrangement(staff: Any) -> None:
    actor = Actor(staff["office"])
    _save(actor)
    with pytest.raises(InvalidInput):
        _save(actor, workdays=[(D(2027, 3, 1), "春节")])
    assert HolidayDay.objects.count() == 9
    assert HolidayYear.objects.get().source == "国办发明电〔2026〕7号"


def test_weekend_holiday_is_allowed(staff: Any) -> None:
    _save(Actor(staff["office"]), holidays=[(D(2027, 1, 2), "元旦")], workdays=[])
    assert not get_calendar().is_working_day(D(2027, 1, 2))


def test_system_actor(db: None) -> None:
    year = _save(Actor.system())
    assert year.entered_by is None
    assert AuditEvent.objects.get(object_type="calendars.holidayyear").actor_label == "系统"


def test_overview_shows_missing_next_year(staff: Any) -> None:
    rows = {r.year: r for r in calendar_years_overview(today=D(MISSING - 1, 11, 28))}
    assert rows[MISSING].known is False and rows[MISSING].source_label == "缺少数据"
    assert rows[MISSING - 1].in_library and rows[MISSING - 1].holidays > 0
    _save(Actor(staff["office"]), year=MISSING, workdays=[])
    rows = {r.year: r for r in calendar_years_overview(today=D(MISSING - 1, 11, 28))}
    assert rows[MISSING].known and rows[MISSING].source_label == "公开办录入"
    assert rows[MISSING].holidays == 8
