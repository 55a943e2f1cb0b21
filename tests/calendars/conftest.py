"""Calendar test fixtures: a clock in late November (next year's arrangement not yet in the library),
and stand-ins for workbench pieces (base template, login URL) while they are not in the tree yet.

Staff and units come from the shared ``staff``/``units`` fixtures in ``tests/conftest.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse

from gongkai.core.clock import CHINA_TZ, FrozenClock, set_clock

STUB_TEMPLATES = Path(__file__).parent / "stub_templates"


@pytest.fixture(autouse=True)
def _workbench_stand_ins(settings: Any) -> None:
    """Use the real workbench base template and login URL when they exist, stand-ins otherwise."""
    # The shared ``staff`` fixture creates eight accounts per test; a fast hasher keeps this quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    try:
        get_template("workbench/base.html")
    except TemplateDoesNotExist:
        templates = [dict(t) for t in settings.TEMPLATES]
        templates[0]["DIRS"] = [*templates[0]["DIRS"], STUB_TEMPLATES]
        settings.TEMPLATES = templates
    try:
        reverse(settings.LOGIN_URL)
    except NoReverseMatch:
        settings.LOGIN_URL = "/workbench/login/"


@pytest.fixture
def november_clock() -> Iterator[FrozenClock]:
    """Today is 2026-11-28: the library (chinesecalendar 1.11) has no 2027 data."""
    frozen = FrozenClock(dt.datetime(2026, 11, 28, 10, 0, tzinfo=CHINA_TZ))
    set_clock(frozen)
    yield frozen
    set_clock(None)
