"""The plain-text format the openness office pastes a year's holiday arrangement in.

One line per day or range of days::

    # 2027年部分节假日安排（国办发明电〔2026〕X号）
    2027-01-01 元旦 休
    2027-02-06~2027-02-12 春节 休
    2027-02-14 春节 班

``休`` marks public holidays (法定节假日), ``班`` an adjusted working day (调休上班日). Blank lines
and lines starting with ``#`` are ignored. Pure logic, no database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from gongkai.calendars.workdays import HOLIDAY, ONE_DAY, WORKDAY, DayMark
from gongkai.core.errors import InvalidInput

# Offices paste from Word or web pages: accept full-width tildes, "至" and ideographic spaces.
_RANGE_SEP = re.compile(r"\s*(?:~|～|〜|至|—|--)\s*")
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_KIND_WORDS = {"休": HOLIDAY, "放假": HOLIDAY, "班": WORKDAY, "上班": WORKDAY}
MAX_RANGE_DAYS = 31
MAX_NAME_LENGTH = 50


@dataclass
class Arrangement:
    """A parsed arrangement: ``(date, name)`` pairs for holidays and for adjusted working days."""

    holidays: list[tuple[dt.date, str]] = field(default_factory=list)
    workdays: list[tuple[dt.date, str]] = field(default_factory=list)


def _parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_arrangement(text: str, *, year: int | None = None) -> Arrangement:
    """Parse the pasted text; raises ``InvalidInput`` (field ``text``) listing every bad line.

    With ``year`` given, every date must fall in that year. Each problem is reported as
    "第N行：…" so the office can find it in what they pasted.
    """
    result = Arrangement()
    errors: list[str] = []
    seen: dict[dt.date, int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u3000", " ").strip()
        if not line or line.startswith(("#", "＃")):
            continue
        line = _RANGE_SEP.sub("~", line)
        parts = line.split()
        if len(parts) != 3:
            errors.append(f"第{lineno}行：格式应为“日期 节日名称 休/班”，如“2027-02-06~2027-02-12 春节 休”。")
            continue
        span, name, kind_word = parts
        kind = _KIND_WORDS.get(kind_word)
        if kind is None:
            errors.append(f"第{lineno}行：最后一项应为“休”（放假）或“班”（调休上班），而不是“{kind_word}”。")
            continue
        if len(name) > MAX_NAME_LENGTH:
            errors.append(f"第{lineno}行：节日名称不能超过{MAX_NAME_LENGTH}个字。")
            continue
        ends = span.split("~")
        dates = [_parse_date(e) for e in ends]
        if len(ends) > 2 or any(d is None for d in dates):
            errors.append(f"第{lineno}行：日期“{span}”无法识别，应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD。")
            continue
        first, last = dates[0], dates[-1]
        assert first is not None and last is not None
        if last < first:
            errors.append(f"第{lineno}行：结束日期早于开始日期。")
            continue
        if (last - first).days >= MAX_RANGE_DAYS:
            errors.append(f"第{lineno}行：一行的日期范围不能超过{MAX_RANGE_DAYS}天。")
            continue
        line_errors: list[str] = []
        days = list(_days(first, last))
        for day in days:
            if year is not None and day.year != year:
                line_errors.append(f"第{lineno}行：{day.isoformat()} 不在{year}年内。")
                break
            if day in seen:
                line_errors.append(f"第{lineno}行：{day.isoformat()} 已在第{seen[day]}行出现。")
            elif kind == WORKDAY and day.weekday() < 5:
                line_errors.append(f"第{lineno}行：{day.isoformat()} 不是周六或周日，不能作为调休上班日。")
        if line_errors:
            errors.extend(line_errors)
            continue
        for day in days:
            seen[day] = lineno
            (result.holidays if kind == HOLIDAY else result.workdays).append((day, name))
    if errors:
        raise InvalidInput("；".join(errors), field="text", errors={"text": errors})
    if not result.holidays and not result.workdays:
        raise InvalidInput("没有读到任何日期，请按“日期 节日名称 休/班”每行填写一项。", field="text")
    return result


def _days(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def format_arrangement(marks: dict[dt.date, DayMark]) -> str:
    """The text format for a year's marked days, consecutive days with the same name and kind as ranges.

    Used to prefill the form, so replacing a year starts from what is stored.
    """
    lines: list[str] = []
    run: list[tuple[dt.date, DayMark]] = []

    def flush() -> None:
        if not run:
            return
        first, mark = run[0]
        last = run[-1][0]
        span = first.isoformat() if first == last else f"{first.isoformat()}~{last.isoformat()}"
        lines.append(f"{span} {mark.name or '节假日'} {'休' if mark.kind == HOLIDAY else '班'}")
        run.clear()

    for day, mark in sorted(marks.items()):
        if run and (run[-1][0] + ONE_DAY != day or run[-1][1] != mark):
            flush()
        run.append((day, mark))
    flush()
    return "\n".join(lines)
