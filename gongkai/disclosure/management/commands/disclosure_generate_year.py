"""``gongkai disclosure_generate_year --year 2025 --count 10000 --seed 1 [--units N]``: a synthetic year.

The cases go through the real services with a frozen clock moved through the year (see
``disclosure.reports.synthetic``); everything is marked 【合成数据】 and lives under a separate unit tree.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.disclosure.choices import State
from gongkai.disclosure.reports.synthetic import ROOT_CODE, generate_year


class Command(BaseCommand):
    help = "生成一个年度的合成依申请公开数据（通过真实的办理流程，标记为合成数据），用于统计和年度报告测试"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="年度")
        parser.add_argument("--count", type=int, default=1000, help="本年新到达的申请件数")
        parser.add_argument("--seed", type=int, default=1, help="随机种子（同一种子、同一年度结果相同）")
        parser.add_argument("--units", type=int, default=12, help="合成单位数（含合成市政府）")

    def handle(self, *args: Any, **options: Any) -> None:
        year, count = options["year"], options["count"]
        if not 2008 <= year <= 2100:
            raise CommandError("年度应在2008至2100之间。")
        if count < 0:
            raise CommandError("件数不能为负数。")
        result = generate_year(
            year=year,
            count=count,
            seed=options["seed"],
            units=max(options["units"], 1),
            progress=lambda line: self.stdout.write(f"  {line}"),
        )
        self.stdout.write(
            f"{year}年：新建 {result.created} 件，续办上年未结 {result.carried_walked} 件，"
            f"行政复议/诉讼 {result.appeals} 件，合成单位 {result.units} 个（根单位机构代码 {ROOT_CODE}）。"
        )
        states = "，".join(f"{State(k).label} {n}" for k, n in sorted(result.states.items()))
        self.stdout.write(f"本年到达的申请当前状态：{states}")
        if result.refused:
            self.stdout.write(self.style.WARNING(f"被业务规则拒绝的步骤 {result.refused} 个："))
            for message, n in result.refusals.most_common(10):
                self.stdout.write(f"  {n} × {message}")
        self.stdout.write(
            f"用时 {result.seconds:.1f} 秒（{result.seconds * 1000 / max(count, 1):.1f} 毫秒/件）。"
        )
