"""``gongkai qa_eval``: measure the Q&A assistant's retrieval on evaluation files.

Question → answer retrieval::

    gongkai qa_eval --queries Q.jsonl --corpus C.jsonl [--corpus C2.jsonl …]

loads the corpus files as a temporary knowledge base (nothing is written to the database), asks every
query through :meth:`Retriever.search` — the retrieval the assistant uses, with the embedder of the
``GONGKAI_QA_EMBEDDER`` setting unless ``--embedder`` says otherwise — and prints one JSON line
``{"n", "top1", "top5", "top10", "p95_ms"}``.

Paraphrase matching on LCQMC pairs::

    gongkai qa_eval --lcqmc lcqmc.dev.jsonl

candidates are every distinct ``text_b``, each a knowledge-base question; every ``text_a`` of a pair
labelled 1 is asked and its own ``text_b`` must come first. Same JSON line.

``p95_ms`` is the 95th percentile of one ``search`` call (analysis, lexical scoring, embedding the
question, fusion, calibration), measured after the index is built.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.knowledge.retrieval import CachedEmbedder, EmbedderError, Retriever, load_embedder
from gongkai.knowledge.retrieval.evaluation import (
    evaluate,
    load_corpus,
    load_paraphrase_task,
    load_queries,
)


class Command(BaseCommand):
    help = "用评测文件衡量问答助手的检索效果（top-1/5/10 与 p95 延迟），输出一行 JSON。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queries", help="问题文件（JSON lines：id、text、positives）")
        parser.add_argument("--corpus", action="append", default=[], help="语料文件，可重复给出")
        parser.add_argument("--lcqmc", help="LCQMC 句对文件：改为衡量同义问句匹配")
        parser.add_argument(
            "--embedder",
            help="语义模型：e5、off、http(s):// 地址或模型文件路径（默认取 GONGKAI_QA_EMBEDDER 设置）",
        )
        parser.add_argument("--embedding-cache", help="向量缓存文件（.npz），重复运行时免去重新编码")

    def handle(self, *args: Any, **options: Any) -> None:
        queries_path: str | None = options["queries"]
        corpus_paths: list[str] = options["corpus"]
        lcqmc_path: str | None = options["lcqmc"]
        if lcqmc_path and (queries_path or corpus_paths):
            raise CommandError("--lcqmc 不能与 --queries/--corpus 同时使用。")
        if not lcqmc_path and not (queries_path and corpus_paths):
            raise CommandError("请给出 --queries 和至少一个 --corpus，或者给出 --lcqmc。")
        for path in [queries_path, lcqmc_path, *corpus_paths]:
            if path and not Path(path).is_file():
                raise CommandError(f"找不到文件：{path}")

        spec = options["embedder"]
        if spec is None:
            spec = getattr(settings, "GONGKAI_QA_EMBEDDER", "off")
        try:
            embedder = load_embedder(spec)
        except EmbedderError as exc:
            raise CommandError(str(exc)) from exc
        if embedder is not None and options["embedding_cache"]:
            embedder = CachedEmbedder(embedder, options["embedding_cache"])

        try:
            if lcqmc_path:
                passages, queries = load_paraphrase_task(lcqmc_path)
            else:
                assert queries_path is not None  # checked above
                passages = load_corpus(corpus_paths)
                queries = load_queries(queries_path)
            retriever = Retriever.build(passages, embedder=embedder)
            if isinstance(embedder, CachedEmbedder):
                embedder.save()
            result = evaluate(retriever, queries)
        except (ValueError, KeyError) as exc:
            raise CommandError(f"评测文件格式有误：{exc}") from exc
        except EmbedderError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
