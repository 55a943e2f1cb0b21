"""The baseline to beat: plain BM25 (bm25s, Lucene variant, k1 = 1.5, b = 0.75) over rjieba tokens.

    .venv/bin/python bench/qa/baseline.py

No normalisation beyond lower case, no bigrams, no synonyms, no question fields, no model: what
``shared/eval/README.md`` quotes as the baseline, re-measured here with the same evaluation sets.
"""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np
import rjieba

from gongkai.knowledge.retrieval.evaluation import load_corpus, load_paraphrase_task, load_queries

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "qa"


def tokens(text: str) -> list[str]:
    return [t for t in rjieba.cut(text.lower()) if t.strip() and any(c.isalnum() for c in t)] or [""]


def main() -> None:
    for name in ("msgabench_gov_qa", "taipei_gov_faq", "lcqmc"):
        if name == "lcqmc":
            passages, queries = load_paraphrase_task(EVAL / "lcqmc.dev.jsonl")
        else:
            passages = load_corpus([EVAL / f"{name}.corpus.dev.jsonl"])
            queries = load_queries(EVAL / f"{name}.queries.dev.jsonl")
        docs = [tokens(" ".join(p.questions) + " " + p.answer) for p in passages]
        index = bm25s.BM25()
        index.index(docs, show_progress=False)
        hits = {1: 0, 5: 0, 10: 0}
        for q in queries:
            scores = index.get_scores(tokens(q.text))
            order = np.argsort(-scores, kind="stable")[:10]
            ranked = [passages[i].id for i in order]
            for k in hits:
                hits[k] += any(pid in q.positives for pid in ranked[:k])
        n = len(queries)
        print(json.dumps({"set": name, "n": n, **{f"top{k}": round(v / n, 4) for k, v in hits.items()}}))


if __name__ == "__main__":
    main()
