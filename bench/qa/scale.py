"""Index building and search latency for a knowledge base of 20,000 entries.

    .venv/bin/python bench/qa/scale.py [--entries 20000] [--embedder e5|off]

The entries are made from the development corpora (each answer reused under new ids, with one of
the development questions as its standard question), because only the size matters here. With
``--embedder e5`` the knowledge base gets random unit vectors (embedding 20,000 real answers would
take most of an hour and measures nothing new) while every question asked is embedded by the real
model, so the search latency is the real one. Prints the build time, a rebuild after ``add``, and the
p50/p95 of ``search``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from gongkai.knowledge.retrieval import Passage, Retriever, load_embedder
from gongkai.knowledge.retrieval.evaluation import load_corpus, load_queries, percentile

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "qa"


class RandomIndexEmbedder:
    """Real model for the questions asked, random vectors for the knowledge base."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.name = "scale"
        self.rng = np.random.default_rng(0)

    def _random(self, count: int) -> np.ndarray:
        m = self.rng.standard_normal((count, 384)).astype(np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    def embed_index_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._random(len(texts))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) > 1:  # indexing
            return self._random(len(texts))
        return self.real.embed_queries(texts)  # type: ignore[attr-defined]

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._random(len(texts))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--embedder", default="off")
    args = parser.parse_args()
    sets = ("msgabench_gov_qa", "taipei_gov_faq")
    answers = [p.answer for s in sets for p in load_corpus([EVAL / f"{s}.corpus.dev.jsonl"])]
    questions = [q.text for s in sets for q in load_queries(EVAL / f"{s}.queries.dev.jsonl")]
    passages = [
        Passage(id=f"e{i}", questions=(questions[i % len(questions)],), answer=answers[i % len(answers)])
        for i in range(args.entries)
    ]
    real = load_embedder(args.embedder)
    embedder = RandomIndexEmbedder(real) if real is not None else None
    started = time.perf_counter()
    retriever = Retriever(passages, embedder=embedder)  # type: ignore[arg-type]
    analysed = time.perf_counter() - started
    started = time.perf_counter()
    retriever.refresh()
    indexed = time.perf_counter() - started
    retriever.add([Passage(id="new", questions=("新增的问题",), answer="新增的答案")])
    started = time.perf_counter()
    retriever.refresh()
    rebuilt = time.perf_counter() - started
    times = []
    for q in questions[:500]:
        started = time.perf_counter()
        retriever.search(q, k=10)
        times.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "entries": len(retriever),
                "embedder": args.embedder,
                "analyse_s": round(analysed, 1),
                "index_s": round(indexed, 1),
                "rebuild_after_add_s": round(rebuilt, 1),
                "search_p50_ms": round(percentile(times, 50), 1),
                "search_p95_ms": round(percentile(times, 95), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
