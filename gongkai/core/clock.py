"""The only place that reads the wall clock.

Services take a ``clock`` argument (default: the configured clock), so tests can move time through
a whole case. Nothing else in the code base may call ``datetime.now``/``date.today``/``timezone.now``.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.module_loading import import_string

CHINA_TZ = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    def today(self) -> dt.date: ...


class SystemClock:
    """Real time, aware, in China Standard Time for calendar dates."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(tz=dt.UTC)

    def today(self) -> dt.date:
        return self.now().astimezone(CHINA_TZ).date()


class FrozenClock:
    """A clock that stands still until moved; for tests and for replaying a case."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._at = at

    def now(self) -> dt.datetime:
        return self._at

    def today(self) -> dt.date:
        return self._at.astimezone(CHINA_TZ).date()

    def move_to(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._at = at

    def advance(self, delta: dt.timedelta) -> None:
        self._at = self._at + delta


_clock: Clock | None = None


def get_clock() -> Clock:
    """The process-wide clock named by ``settings.GONGKAI_CLOCK`` (or one set with ``set_clock``)."""
    global _clock
    if _clock is None:
        _clock = import_string(settings.GONGKAI_CLOCK)()
    return _clock


def set_clock(clock: Clock | None) -> None:
    """Replace the process-wide clock; ``None`` returns to the configured one."""
    global _clock
    _clock = clock


def china_date(at: dt.datetime) -> dt.date:
    """The calendar date in China of an aware datetime."""
    return at.astimezone(CHINA_TZ).date()
