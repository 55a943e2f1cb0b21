"""``gongkai workdays``: count working days from the command line.

    gongkai workdays add 2026-09-30 5       → 2026-10-13
    gongkai workdays between 2026-09-30 2026-10-13 → 5

Exit status: 0 certain; 3 the count ran through a year without calendar data (the weekend-only
estimate is printed, a warning goes to stderr); 2 bad arguments.
"""

from __future__ import annotations

import datetime as dt
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import WorkdayCalendar

EXIT_BAD_ARGS = 2
EXIT_UNCERTAIN = 3


def _date(value: str, label: str) -> dt.date:
    """Parse an ISO date argument, or stop with a Chinese message and exit status 2."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"{label}“{value}”不是有效日期，应为 YYYY-MM-DD，如 2026-09-30。", returncode=2
        ) from None


def _count(value: str) -> int:
    """Parse a non-negative working-day count, or stop with exit status 2."""
    try:
        n = int(value.strip())
    except ValueError:
        raise CommandError(f"工作日数“{value}”不是整数。", returncode=2) from None
    if n < 0:
        raise CommandError("工作日数不能为负数。", returncode=2)
    return n


class Command(BaseCommand):
    help = (
        "按工作日计算期限：add 日期 N（N个工作日后的日期，不含当日）；"
        "between 日期A 日期B（A之后至B的工作日数）。"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        # Arguments are optional to argparse and checked in handle(), so a missing one gets a Chinese message.
        sub = parser.add_subparsers(dest="action", metavar="{add,between}")
        add = sub.add_parser("add", help="N个工作日后的日期（起算日当天不计）")
        add.add_argument("date", nargs="?", help="起算日，YYYY-MM-DD")
        add.add_argument("n", nargs="?", help="工作日数，非负整数")
        between = sub.add_parser("between", help="日期A之后至日期B（含）的工作日数")
        between.add_argument("start", nargs="?", help="日期A，YYYY-MM-DD")
        between.add_argument("end", nargs="?", help="日期B，YYYY-MM-DD")

    def _calendar(self) -> WorkdayCalendar:
        try:
            return get_calendar()
        except DatabaseError as exc:
            # Without the office's entries a result could silently ignore a corrected year: refuse.
            raise CommandError(
                f"无法读取数据库中录入的节假日安排（是否已执行 gongkai migrate？）：{exc}"
            ) from exc

    def handle(self, *args: Any, **options: Any) -> None:
        action = options.get("action")
        needed = {"add": ("date", "n"), "between": ("start", "end")}.get(action or "")
        if needed is None:
            raise CommandError(
                "用法：gongkai workdays add 日期 N ｜ gongkai workdays between 日期A 日期B", returncode=2
            )
        if any(options.get(name) is None for name in needed):
            usage = "add 日期 N" if action == "add" else "between 日期A 日期B"
            raise CommandError(f"参数不足，用法：gongkai workdays {usage}", returncode=2)
        if action == "add":
            start = _date(options["date"], "日期")
            n = _count(options["n"])
            try:
                deadline = self._calendar().add_working_days(start, n)
            except ValueError:
                raise CommandError("结果超出可计算的日期范围。", returncode=2) from None
            self.stdout.write(deadline.date.isoformat())
            uncertain = deadline.uncertain_years
        else:
            a = _date(options["start"], "日期A")
            b = _date(options["end"], "日期B")
            count = self._calendar().working_days_between(a, b)
            self.stdout.write(str(count.days))
            uncertain = count.uncertain_years
        if uncertain:
            years = "、".join(f"{y}年" for y in uncertain)
            self.stderr.write(
                f"警告：{years}尚无节假日安排数据，以上结果仅按周末估算，未计法定节假日和调休，"
                "请由公开办录入国务院办公厅的节假日安排后重新计算。"
            )
            self.stdout.flush()
            self.stderr.flush()
            sys.exit(EXIT_UNCERTAIN)
