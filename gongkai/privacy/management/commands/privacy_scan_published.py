"""``gongkai privacy_scan_published``: look for personal information in every published document."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.privacy.services import privacy_scan_published
from gongkai.units.models import Unit


class Command(BaseCommand):
    help = "检查所有已发布文件（含附件）中的个人信息，列出发现问题的文件（仅显示遮盖后的值）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", action="append", default=[], help="只检查此单位代码（可重复）")
        parser.add_argument("--limit", type=int, default=0, help="最多检查的文件数")

    def handle(self, *args: Any, **options: Any) -> None:
        unit_ids = None
        if options["unit"]:
            unit_ids = list(Unit.objects.filter(code__in=options["unit"]).values_list("pk", flat=True))
        summary = privacy_scan_published(unit_ids=unit_ids, limit=options["limit"] or None)
        for hit in summary.hits:
            self.stdout.write(f"[{hit.unit_name}] #{hit.document_id} {hit.title}：{hit.report.summary()}")
            for f in hit.report.open_findings:
                self.stdout.write(f"    {f.source_name} · {f.label_zh}：{f.proposed}")
            for item in hit.report.open_files:
                self.stdout.write(f"    {item.message}")
        self.stdout.write(
            f"共检查 {summary.scanned} 件已发布文件，{len(summary.hits)} 件含有待处理的个人信息。"
        )
        if summary.hits:
            raise SystemExit(3)
