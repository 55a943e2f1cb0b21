"""``gongkai privacy_eval FILE... [--synthetic N]``: measure the de-identification engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.privacy.evaluation import evaluate_file
from gongkai.privacy.scanner import ScanOptions
from gongkai.privacy.synthetic import synthetic_check


class Command(BaseCommand):
    help = (
        "对 JSON-lines 标注文件评估个人信息识别效果，每个文件输出一行 JSON："
        '{"file", "chars_per_second", "labels": {LABEL: {recall, precision, recall_exact, support}}}。'
        "A gold span counts as found when a detection of the matching kind overlaps it (recall_exact: same "
        "start and end). Kinds: PERSON←PERSON; ADDRESS/LOCATION←ADDRESS or PLACE; PHONE←MOBILE or "
        "LANDLINE; EMAIL, QQ, WECHAT←their own; ORG/COMPANY/GOV←ORG. Precision for a label = detections "
        "of its kinds overlapping a gold span of any label matching those kinds / all detections of those "
        "kinds (ORG, COMPANY and GOV therefore share one value). --synthetic N adds one line checking N "
        "generated valid ID / mobile / USCC / bank-card numbers and N near misses each."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path)
        parser.add_argument("--synthetic", type=int, default=0, metavar="N")
        parser.add_argument("--ner", choices=("gated", "all", "off"), default="gated")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        if not files and not options["synthetic"]:
            raise CommandError("请至少指定一个 JSON-lines 文件或 --synthetic N。")
        scan_options = ScanOptions(ner=options["ner"], max_chars=10**9)
        for path in files:
            if not path.is_file():
                raise CommandError(f"文件不存在：{path}")
            self.stdout.write(json.dumps(evaluate_file(path, scan_options), ensure_ascii=False))
        if options["synthetic"]:
            result = {"file": "synthetic", "labels": synthetic_check(options["synthetic"])}
            self.stdout.write(json.dumps(result, ensure_ascii=False))
