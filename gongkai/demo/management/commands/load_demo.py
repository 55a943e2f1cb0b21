"""``gongkai load_demo``: load the demo data set (idempotent) and print the demo accounts."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand

from gongkai.demo.loader import load_demo


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """A plain-text table aligned for a terminal, counting Chinese characters as two columns."""
    widths = [max(_width(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = [
        "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = "载入演示数据：苏府办〔2018〕193号及其单位树、演示账号和演示文件。可重复运行。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--documents", type=int, default=30, help="演示用合成文件数量（默认 30）")

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo(documents=options["documents"])
        self.stdout.write(
            f"新建单位 {result.units_created} 个，账号 {result.staff_created} 个，"
            f"文件 {result.documents_created} 件。"
        )
        self.stdout.write("演示账号（仅供演示，切勿用于生产环境）：")
        self.stdout.write(format_table(("用户名", "密码", "单位", "角色"), result.accounts))
