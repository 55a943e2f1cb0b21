"""Shared fixtures: a frozen clock, units and staff built through the services."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("GONGKAI_TESTING", "1")

from gongkai.core.clock import FrozenClock, set_clock
from gongkai.core.context import Actor

PASSWORD = "Gongkai2026test"


@pytest.fixture
def clock() -> Iterator[FrozenClock]:
    """A clock frozen at 2026-06-15 10:00 China time, installed as the process clock."""
    c = FrozenClock(dt.datetime(2026, 6, 15, 2, 0, tzinfo=dt.UTC))
    set_clock(c)
    yield c
    set_clock(None)


@pytest.fixture
def system() -> Actor:
    return Actor.system()


@pytest.fixture
def units(db, system):  # type: ignore[no-untyped-def]
    from gongkai.units.models import UnitKind
    from gongkai.units.services import unit_create

    city = unit_create(actor=system, name="苏州市人民政府", code="014000001", kind=UnitKind.CITY_GOVERNMENT)
    office = unit_create(actor=system, name="苏州市人民政府办公室", code="014000002", parent=city)
    finance = unit_create(actor=system, name="苏州市财政局", code="014000003", parent=city)
    district = unit_create(
        actor=system,
        name="苏州市姑苏区人民政府",
        code="014000004",
        parent=city,
        kind=UnitKind.DISTRICT_GOVERNMENT,
    )
    district_dept = unit_create(
        actor=system,
        name="姑苏区财政局",
        code="014000005",
        parent=district,
        kind=UnitKind.DISTRICT_DEPARTMENT,
    )
    return {
        "city": city,
        "office": office,
        "finance": finance,
        "district": district,
        "district_dept": district_dept,
    }


@pytest.fixture
def staff(units, system):  # type: ignore[no-untyped-def]
    from gongkai.accounts.services import staff_create

    def make(username: str, unit_key: str, role: str):  # type: ignore[no-untyped-def]
        return staff_create(
            actor=system,
            username=username,
            password=PASSWORD,
            unit=units[unit_key],
            role=role,
            display_name=username,
        )

    return {
        "handler": make("handler", "finance", "handler"),
        "handler2": make("handler2", "finance", "handler"),
        "admin": make("admin", "finance", "unit_admin"),
        "admin2": make("admin2", "finance", "unit_admin"),
        "other_handler": make("other_handler", "office", "handler"),
        "office": make("office", "city", "openness_office"),
        "district_office": make("district_office", "district", "openness_office"),
        "evaluator": make("evaluator", "city", "evaluator"),
    }
