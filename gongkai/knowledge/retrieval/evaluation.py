"""Measuring retrieval: loading the evaluation files and computing top-k accuracy and latency.

Shared by the ``qa_eval`` / ``qa_paraphrase_eval`` management commands and the scripts in
``bench/qa/``, so the figures in ``bench/qa/README.md`` come from exactly the code the commands run.

File formats (JSON lines, see ``shared/eval/README.md``):

- corpus: ``{"id", "text", …}`` — an answer text; an optional ``"questions"`` list and ``"title"`` are
  used when present (a knowledge-base export), other string fields go to ``meta``;
- queries: ``{"id", "text", "positives": [passage ids]}``;
- paraphrase pairs (LCQMC): ``{"text_a", "text_b", "label"}``.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from gongkai.knowledge.retrieval.engine import Retriever
from gongkai.knowledge.retrieval.types import Passage


@dataclass(frozen=True, slots=True)
class Query:
    """A question and the ids of the passages that answer it."""

    id: str
    text: str
    positives: frozenset[str]


def _lines(path: str | Path) -> Iterator[dict[str, object]]:
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: 不是有效的 JSON：{exc.msg}") from exc
                if not isinstance(record, dict):
                    raise ValueError(f"{path}:{number}: 每行应是一个 JSON 对象")
                yield record


def load_corpus(paths: Iterable[str | Path]) -> list[Passage]:
    """Passages of one or more corpus files (a repeated id: the later file wins)."""
    passages: dict[str, Passage] = {}
    for path in paths:
        for record in _lines(path):
            pid = str(record["id"])
            questions = record.get("questions") or []
            meta = {
                k: v for k, v in record.items() if isinstance(v, str) and k not in {"id", "text", "title"}
            }
            passages[pid] = Passage(
                id=pid,
                questions=tuple(str(q) for q in questions) if isinstance(questions, list) else (),
                answer=str(record.get("text") or ""),
                title=str(record.get("title") or ""),
                source=str(record.get("source") or "corpus"),
                meta=MappingProxyType(meta),
            )
    return list(passages.values())


def load_queries(path: str | Path) -> list[Query]:
    """Queries of a queries file."""
    queries: list[Query] = []
    for i, r in enumerate(_lines(path)):
        positives = r.get("positives") or []
        if not isinstance(positives, list):
            raise ValueError(f"{path}: positives 应是列表")
        queries.append(
            Query(id=str(r.get("id", i)), text=str(r["text"]), positives=frozenset(str(p) for p in positives))
        )
    return queries


def load_paraphrase_task(path: str | Path) -> tuple[list[Passage], list[Query]]:
    """The paraphrase-matching task of an LCQMC file.

    Candidates are every distinct ``text_b`` (a passage whose only question is that text); a query is
    the ``text_a`` of each pair labelled 1, and its one positive is the candidate of its ``text_b``.
    """
    records = list(_lines(path))
    candidates: dict[str, str] = {}
    for r in records:
        candidates.setdefault(str(r["text_b"]), f"b{len(candidates)}")
    passages = [Passage(id=pid, questions=(text,), answer="") for text, pid in candidates.items()]
    queries = [
        Query(
            id=str(r.get("id", i)), text=str(r["text_a"]), positives=frozenset({candidates[str(r["text_b"])]})
        )
        for i, r in enumerate(records)
        if int(r.get("label", 0)) == 1  # type: ignore[call-overload]
    ]
    return passages, queries


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True, slots=True)
class Result:
    """Top-k accuracy (share of queries with a positive among the first k) and latency."""

    n: int
    top1: float
    top5: float
    top10: float
    p95_ms: float

    def as_dict(self) -> dict[str, float | int]:
        """The JSON line the evaluation commands print."""
        return {
            "n": self.n,
            "top1": round(self.top1, 4),
            "top5": round(self.top5, 4),
            "top10": round(self.top10, 4),
            "p95_ms": round(self.p95_ms, 1),
        }


def evaluate(retriever: Retriever, queries: Sequence[Query]) -> Result:
    """Ask every query through ``retriever.search`` (k = 10), timing each call."""
    retriever.refresh()  # index building is not part of answering a question
    hits = {1: 0, 5: 0, 10: 0}
    times: list[float] = []
    for query in queries:
        started = time.perf_counter()
        matches = retriever.search(query.text, k=10)
        times.append((time.perf_counter() - started) * 1000)
        ranked = [m.passage_id for m in matches]
        for k in hits:
            if any(pid in query.positives for pid in ranked[:k]):
                hits[k] += 1
    n = len(queries)
    return Result(
        n=n,
        top1=hits[1] / n if n else 0.0,
        top5=hits[5] / n if n else 0.0,
        top10=hits[10] / n if n else 0.0,
        p95_ms=percentile(times, 95),
    )
