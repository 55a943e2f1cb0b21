"""Fit the confidence model (gongkai/knowledge/retrieval/calibration.py) on the development data.

    .venv/bin/python bench/qa/calibrate.py [--embedder e5|off] [--cache DIR]

For every query of the development sets (government Q&A, Taipei FAQ, LCQMC paraphrases) it takes the
top-1 candidate's features — fused score, margin over the next, bigram coverage, dense cosine — and
the label "top-1 is a correct passage", then fits a logistic regression by Newton's method (a small
ridge penalty, each set weighted equally so the 3,000 LCQMC pairs do not drown the rest). A feature
whose weight comes out negative is dropped and the fit repeated, so that confidence never falls when
the evidence grows. It prints the constants to paste into calibration.py and, per set, the expected
calibration error (10 equal-width bins) and Brier score of the fitted model.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

from gongkai.knowledge.retrieval import CachedEmbedder, Retriever, load_embedder
from gongkai.knowledge.retrieval.calibration import Logistic

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling script, run from anywhere
from tune import SETS, QueryCachingEmbedder, load_set

FEATURES = ("score", "margin", "coverage", "dense")
MARGIN_CAP = 1.0
RIDGE = 1e-3


def features(retriever: Retriever, text: str) -> list[float] | None:
    top = retriever.candidates(text, k=1)
    if not top:
        return None
    c = top[0]
    return [c.score, min(max(c.margin, 0.0), MARGIN_CAP), c.coverage, c.dense]


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, active: list[int]) -> np.ndarray:
    """Weighted logistic regression (Newton / IRLS) on the active columns; returns [bias, weights…]."""
    xa = np.hstack([np.ones((len(x), 1)), x[:, active]])
    beta = np.zeros(xa.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(xa @ beta, -60, 60)))
        grad = xa.T @ (w * (p - y)) + RIDGE * np.r_[0, beta[1:]]
        hess = (xa * (w * p * (1 - p))[:, None]).T @ xa + RIDGE * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    full = np.zeros(1 + x.shape[1])
    full[0] = beta[0]
    for j, col in enumerate(active):
        full[1 + col] = beta[1 + j]
    return full


def ece(prob: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        mask = (prob >= lo) & ((prob < hi) if hi < 1 else (prob <= hi))
        if mask.any():
            total += mask.sum() / len(prob) * abs(prob[mask].mean() - y[mask].mean())
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--cache", default="/tmp/gk-qa-cache")
    args = parser.parse_args()
    rows: list[list[float]] = []
    labels: list[float] = []
    weights: list[float] = []
    set_of: list[str] = []
    for name in SETS:
        passages, queries = load_set(name)
        embedder = load_embedder(args.embedder)
        if embedder is not None:
            embedder = QueryCachingEmbedder(embedder, Path(args.cache) / f"{name}.npz")
        retriever = Retriever.build(passages, embedder=embedder)
        count = 0
        for q in queries:
            f = features(retriever, q.text)
            if f is None:
                continue
            top = retriever.candidates(q.text, k=1)[0]
            rows.append(f)
            labels.append(float(top.passage_id in q.positives))
            set_of.append(name)
            count += 1
        weights.extend([1.0 / count] * count)
        if isinstance(embedder, CachedEmbedder):
            embedder.save()
    x = np.asarray(rows)
    y = np.asarray(labels)
    w = np.asarray(weights) * len(SETS)
    active = list(range(len(FEATURES))) if args.embedder != "off" else [0, 1, 2]
    while True:
        beta = fit(x, y, w, active)
        negative = [j for j in active if beta[1 + j] < 0]
        if not negative:
            break
        active.remove(min(negative, key=lambda j: beta[1 + j]))
    model = Logistic(
        bias=round(float(beta[0]), 3),
        w_score=round(float(beta[1]), 3),
        w_margin=round(float(beta[2]), 3),
        w_coverage=round(float(beta[3]), 3),
        w_dense=round(float(beta[4]), 3),
        margin_cap=MARGIN_CAP,
    )
    print(f"# {'DENSE' if args.embedder != 'off' else 'LEXICAL'} = {model!r}")
    prob = np.asarray([model.confidence(score=r[0], margin=r[1], coverage=r[2], dense=r[3]) for r in rows])
    names = np.asarray(set_of)
    for name in SETS:
        mask = names == name
        for threshold in (0.3, 0.5, 0.7):
            above = mask & (prob >= threshold)
            print(
                json.dumps(
                    {
                        "set": name,
                        "threshold": threshold,
                        "answered": round(float(above.sum() / mask.sum()), 4),
                        "top1_accuracy_when_answered": round(float(y[above].mean()), 4)
                        if above.any()
                        else None,
                    }
                )
            )
        print(
            json.dumps(
                {
                    "set": name,
                    "n": int(mask.sum()),
                    "accuracy": round(float(y[mask].mean()), 4),
                    "mean_confidence": round(float(prob[mask].mean()), 4),
                    "ece": round(ece(prob[mask], y[mask]), 4),
                    "brier": round(float(((prob[mask] - y[mask]) ** 2).mean()), 4),
                }
            )
        )


if __name__ == "__main__":
    main()
