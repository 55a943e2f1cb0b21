"""``gongkai disclosure_report --unit CODE --year Y [--subunits] [--xlsx PATH]``: tables 三 and 四 in the
terminal (and optionally as .xlsx), computed exactly as on the workbench report page."""

from __future__ import annotations

import time
from argparse import BooleanOptionalAction
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.disclosure.reports.exporters import text_table_four, text_table_three, xlsx_bytes
from gongkai.disclosure.reports.scope import ReportScope
from gongkai.disclosure.reports.statistics import TIMELINESS_LABELS, compute_statistics
from gongkai.disclosure.reports.table_four import compute_table_four
from gongkai.disclosure.reports.table_three import check_carry_over, compute_table_three
from gongkai.units.models import Unit


class Command(BaseCommand):
    help = "在终端打印某单位某年度政府信息公开工作年度报告的表三（申请情况）和表四（复议诉讼情况）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="单位机构代码")
        parser.add_argument("--year", type=int, required=True, help="年度")
        parser.add_argument("--subunits", action=BooleanOptionalAction, default=False, help="包括下属单位")
        parser.add_argument("--xlsx", type=Path, help="同时导出 Excel 文件到此路径")
        parser.add_argument(
            "--stats", action=BooleanOptionalAction, default=False, help="同时打印统计（渠道、及时性等）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit"].strip().upper()).first()
        if unit is None:
            raise CommandError(f"没有机构代码为 {options['unit']} 的单位。")
        year = options["year"]
        scope = ReportScope(unit=unit, year=year, include_subunits=options["subunits"])
        started = time.perf_counter()
        three = compute_table_three(scope)
        four = compute_table_four(scope)
        elapsed = time.perf_counter() - started
        self.stdout.write(text_table_three(three))
        previous = compute_table_three(
            ReportScope(unit=unit, year=year - 1, include_subunits=options["subunits"])
        )
        carry = check_carry_over(previous, three)
        self.stdout.write(
            f"{'✓' if carry.ok else '✗'} {carry.rule}{'：' + carry.detail if carry.detail else ''}"
        )
        self.stdout.write("")
        self.stdout.write(text_table_four(four))
        self.stdout.write(f"\n计算表三、表四用时 {elapsed * 1000:.0f} 毫秒。")
        if options["stats"]:
            started = time.perf_counter()
            stats = compute_statistics(scope)
            elapsed = time.perf_counter() - started
            self.stdout.write(
                f"\n统计（用时 {elapsed * 1000:.0f} 毫秒）：本年新收 {stats.received}，办结 {stats.decided}，"
            )
            self.stdout.write(f"  年底未办结 {stats.open_at_year_end}；按期答复率 {stats.on_time_rate}")
            for key, n in stats.timeliness:
                self.stdout.write(f"  {TIMELINESS_LABELS[key]}：{n}")
            self.stdout.write("  渠道：" + "，".join(f"{k} {n}" for k, n in stats.by_channel))
            self.stdout.write("  办理环节：" + "，".join(f"{k} {n}" for k, n in stats.steps))
            self.stdout.write(f"  收取信息处理费：{stats.fees_collected_yuan} 元")
        if options["xlsx"]:
            options["xlsx"].write_bytes(xlsx_bytes(three, four))
            self.stdout.write(f"已导出 {options['xlsx']}")
        if not (three.ok and four.ok):
            raise CommandError("表格校验未通过，见上方 ✗ 项。")
