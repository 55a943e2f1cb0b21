"""Choose the fusion weights of the retriever on the development data (a small grid, shared by all sets).

    .venv/bin/python bench/qa/tune.py [--embedder e5|off] [--cache DIR]

For every query of every development set it computes each score part once — BM25 of each field,
the dense cosine — then evaluates every weight combination of the grid by re-combining them, and
prints top-1/top-5 per set and the mean, best combinations first. The chosen combination is written
into ``Weights`` in ``gongkai/knowledge/retrieval/engine.py`` by hand, with the figures in README.md.
Embeddings are cached under ``--cache`` (default /tmp/gk-qa-cache) so a second run takes seconds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gongkai.knowledge.retrieval import CachedEmbedder, Retriever, load_embedder
from gongkai.knowledge.retrieval.evaluation import Query, load_corpus, load_paraphrase_task, load_queries

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "qa"
SETS = ("msgabench_gov_qa", "taipei_gov_faq", "lcqmc")


class QueryCachingEmbedder(CachedEmbedder):
    """For benches only: questions asked are cached too (the same dev questions, run after run)."""

    def embed_queries(self, texts):  # type: ignore[no-untyped-def]
        return self._cached(texts, "q")


def load_set(name: str) -> tuple[list, list[Query]]:
    if name == "lcqmc":
        return load_paraphrase_task(EVAL / "lcqmc.dev.jsonl")
    return load_corpus([EVAL / f"{name}.corpus.dev.jsonl"]), load_queries(EVAL / f"{name}.queries.dev.jsonl")


@dataclass
class Parts:
    """Per query: field scores (index order) and the dense cosines; positives as indices."""

    fields: dict[str, np.ndarray]
    dense: np.ndarray | None
    positives: set[int]


def compute_parts(retriever: Retriever, queries: list[Query]) -> list[Parts]:
    retriever.refresh()
    index = {pid: i for i, pid in enumerate(retriever._ids)}
    n = len(retriever._ids)
    out = []
    for q in queries:
        w, b, c = retriever._query_tokens(q.text)
        fields: dict[str, np.ndarray] = {}
        for name, fld, toks in (
            ("qw", retriever._q_words, w),
            ("qb", retriever._q_bigrams, b),
            ("qc", retriever._q_chars, c),
        ):
            per_unit = fld.scores(toks)
            fields[name] = per_unit
        fields["aw"] = retriever._a_words.scores(w)
        fields["ab"] = retriever._a_bigrams.scores(b)
        parts = retriever.components(q.text)
        out.append(
            Parts(fields=fields, dense=parts.dense, positives={index[p] for p in q.positives if p in index})
        )
    return out, retriever._unit_owner, n


def rank_metrics(
    data: tuple[list[Parts], np.ndarray, int], qb: float, qc: float, ab: float, dense_w: float, norm: str
) -> tuple[float, float]:
    """Top-1 and top-5 of one weight combination (q_words = a_words = 1 fixes the scale)."""
    parts, owner, n = data
    identity = owner.size == n and bool(np.array_equal(owner, np.arange(n)))
    top1 = top5 = 0
    for p in parts:
        lex = p.fields["aw"] + ab * p.fields["ab"]
        if owner.size:
            unit = p.fields["qw"] + qb * p.fields["qb"] + qc * p.fields["qc"]
            if identity:
                lex = lex + unit
            else:
                best = np.zeros(n, dtype=np.float32)
                np.maximum.at(best, owner, unit)
                lex = lex + best
        m = lex.max()
        fused = lex / m if m > 0 else lex
        if p.dense is not None and dense_w:
            d = p.dense
            dd = d - np.median(d) if norm == "median" else (d - d.mean()) / (d.std() + 1e-6) / 10
            fused = dd if dense_w == float("inf") else fused + dense_w * dd
        top = np.argpartition(-fused, 5)[:5] if n > 5 else np.arange(n)
        best_i = int(top[np.argmax(fused[top])])
        top1 += int(best_i in p.positives)
        top5 += int(any(int(i) in p.positives for i in top))
    return top1 / len(parts), top5 / len(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--cache", default="/tmp/gk-qa-cache")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    args = parser.parse_args()
    data = {}
    saved = Path(args.cache) / f"parts-{args.embedder}.pickle"
    if saved.is_file():  # the parts of the last run (delete the file after changing the analysis)
        data = pickle.loads(saved.read_bytes())
    for name in [s for s in args.sets if s not in data]:
        passages, queries = load_set(name)
        embedder = load_embedder(args.embedder)
        if embedder is not None:
            embedder = QueryCachingEmbedder(embedder, Path(args.cache) / f"{name}.npz")
        retriever = Retriever.build(passages, embedder=embedder)
        data[name] = compute_parts(retriever, queries)
        if isinstance(embedder, CachedEmbedder):
            embedder.save()
        print(f"# parts of {name} ready", flush=True)
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_bytes(pickle.dumps(data))
    grid = itertools.product(
        [0.5, 1.0, 2.0],  # q_bigrams (q_words = 1)
        [0.0, 0.3, 0.6],  # q_chars
        [0.5, 1.0, 2.0],  # a_bigrams (a_words = 1)
        [0.0, 1.0, 2.0, 4.0, 6.0, 8.0, 12.0, float("inf")],  # dense
        ["median", "z"],
    )
    rows = []
    for qb, qc, ab, dw, norm in grid:
        if dw == 0.0 and norm == "z":
            continue
        per = {name: rank_metrics(data[name], qb, qc, ab, dw, norm) for name in data}
        mean1 = sum(v[0] for v in per.values()) / len(per)
        mean5 = sum(v[1] for v in per.values()) / len(per)
        rows.append((mean1, mean5, {"qb": qb, "qc": qc, "ab": ab, "dense": dw, "norm": norm}, per))
    rows.sort(key=lambda r: (-r[0], -r[1]))
    for mean1, mean5, params, per in rows[:25]:
        print(
            json.dumps(
                {
                    "mean_top1": round(mean1, 4),
                    "mean_top5": round(mean5, 4),
                    **params,
                    **{k: [round(v[0], 4), round(v[1], 4)] for k, v in per.items()},
                }
            )
        )
    # The weights in engine.py: q_bigrams 1, q_chars 0.3, a_bigrams 2 × a_words, dense 0.4 per
    # standard deviation (= 4 × the grid's z-score, which is divided by 10).
    current = [r for r in rows if r[2] == {"qb": 1.0, "qc": 0.3, "ab": 2.0, "dense": 4.0, "norm": "z"}]
    if current:
        print(
            "# current:",
            json.dumps({"mean_top1": round(current[0][0], 4), **current[0][3]}),
        )


if __name__ == "__main__":
    main()
