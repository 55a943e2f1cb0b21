"""``gongkai search_rebuild [--type T] [--batch N]``: re-index every public record."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from gongkai.core.errors import ApplicationError
from gongkai.search import registry
from gongkai.search.services import search_rebuild


class Command(BaseCommand):
    help = "重建全文检索索引（全部或某一类内容）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--type", dest="type_name", default=None, help="只重建这一类：document、qa …")
        parser.add_argument("--batch", type=int, default=500, help="每批条数（默认 500）")

    def handle(self, *args: Any, type_name: str | None, batch: int, **options: Any) -> None:
        if batch < 1:
            raise CommandError("--batch 须为正整数。")
        types = [registry.get_type(type_name)] if type_name else registry.all_types()
        total = sum(t.public_queryset().count() for t in types)
        bar = tqdm(total=total, desc="重建索引", unit="条", file=sys.stderr, disable=None)

        def progress(n: int, _total: int, name: str) -> None:
            bar.set_postfix_str(name)
            bar.update(n)

        try:
            done = search_rebuild(type_name=type_name, batch=batch, progress=progress)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        finally:
            bar.close()
        self.stdout.write(f"索引重建完成：共 {done} 条。")
