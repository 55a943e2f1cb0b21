"""``gongkai search_check [--repair]``: compare the index with the public records."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.errors import ApplicationError
from gongkai.search.services import search_check

SHOWN = 20


class Command(BaseCommand):
    help = "检查全文检索索引与数据库公开记录是否一致，--repair 修复差异。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repair", action="store_true", help="补录缺少的条目并删除多余的条目")

    def handle(self, *args: Any, repair: bool, **options: Any) -> None:
        try:
            report = search_check(repair=repair)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(report.summary())
        for label, keys in (("缺少", report.missing), ("多余", report.stale)):
            for key in keys[:SHOWN]:
                self.stdout.write(f"  {label}：{key}")
            if len(keys) > SHOWN:
                self.stdout.write(f"  ……另有 {len(keys) - SHOWN} 条{label}")
        if report.ok:
            self.stdout.write("索引与数据库一致。")
        elif not repair:
            self.stdout.write("可运行 gongkai search_check --repair 修复。")
