"""依申请公开 fixtures: a fast password hasher, and cases built through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.disclosure.factories import CaseFactory


@pytest.fixture(autouse=True)
def _fast(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.GONGKAI_DISCLOSURE_NOTIFIER = "gongkai.disclosure.notify.EmailNotifier"


@pytest.fixture
def cases(clock, staff, units) -> CaseFactory:  # type: ignore[no-untyped-def]
    return CaseFactory(clock=clock, staff=staff, units=units)


@pytest.fixture
def today(clock) -> dt.date:  # type: ignore[no-untyped-def]
    return clock.today()
