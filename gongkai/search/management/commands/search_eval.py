"""``gongkai search_eval [--backend tantivy|postgres] [--corpus PATH] [--json]``: relevance of the
judged query set (nDCG@10, recall@10) on an evaluation corpus indexed into a throw-away index."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.search.relevance.evaluate import DEFAULT_CORPUS, K, run


class Command(BaseCommand):
    help = "检索相关性评估：在评估语料上运行人工判定的查询，输出 nDCG@10 和 recall@10。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--backend", choices=["tantivy", "postgres"], default="tantivy")
        parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="JSON lines（可 gzip）")
        parser.add_argument("--json", dest="as_json", action="store_true", help="每个查询输出一行 JSON")
        parser.add_argument("--show", type=int, default=0, help="每个查询显示前 N 条标题")

    def handle(self, *args: Any, backend: str, corpus: str, as_json: bool, show: int, **options: Any) -> None:
        try:
            report = run(backend, corpus)
        except FileNotFoundError as exc:
            raise CommandError(f"找不到评估语料：{exc.filename}") from exc
        for r in report.results:
            if as_json:
                row = {"query": r.query, f"ndcg@{K}": round(r.ndcg, 4), f"recall@{K}": round(r.recall, 4)}
                self.stdout.write(_dumps({**row, "top": r.top[:show]}))
            else:
                self.stdout.write(f"{r.query:<16}\tnDCG@{K} {r.ndcg:.3f}\trecall@{K} {r.recall:.3f}")
                for t in r.top[:show]:
                    self.stdout.write(f"    {t}")
        summary = {"backend": report.backend, "queries": len(report.results),
                   f"ndcg@{K}": round(report.ndcg, 4), f"recall@{K}": round(report.recall, 4)}  # fmt: skip
        self.stdout.write(_dumps(summary) if as_json else
                          f"== {report.backend}: {len(report.results)} 个查询，"
                          f"nDCG@{K} {report.ndcg:.3f}，recall@{K} {report.recall:.3f}")  # fmt: skip


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)
