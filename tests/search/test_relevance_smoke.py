"""The relevance evaluation on a tiny in-test corpus: metrics against hand-computed values, and the
runner end to end on the embedded backend (no shared data needed)."""

from __future__ import annotations

import json
import math

import pytest

from gongkai.search.relevance.evaluate import corpus_entries, eval_index, evaluate, read_corpus
from gongkai.search.relevance.judgements import JUDGEMENTS, Judged
from gongkai.search.relevance.metrics import dcg, ndcg_at_k, recall_at_k


def test_dcg_and_ndcg_by_hand() -> None:
    # grades 2, 0, 1: (2^2-1)/log2(2) + 0 + (2^1-1)/log2(4) = 3 + 0.5
    assert dcg([2, 0, 1]) == pytest.approx(3.5)
    ideal = 3 + 1 / math.log2(3)  # ideal order 2, 1
    assert ndcg_at_k([2, 0, 1], [2, 1]) == pytest.approx(3.5 / ideal)
    assert ndcg_at_k([0, 1, 2], [2, 1]) == pytest.approx((1 / math.log2(3) + 3 / 2) / ideal)
    assert ndcg_at_k([2, 1], [2, 1]) == pytest.approx(1.0)
    assert ndcg_at_k([0, 0], [2]) == 0.0
    assert ndcg_at_k([1], []) == 0.0  # nothing relevant exists
    # a relevant item beyond k does not count
    assert ndcg_at_k([0, 2], [2], k=1) == 0.0


def test_recall_by_hand() -> None:
    assert recall_at_k(["a", "b", "c"], {"a": 2, "c": 1, "d": 1}) == pytest.approx(2 / 3)
    assert recall_at_k(["b", "a"], {"a": 2}, k=1) == 0.0
    assert recall_at_k(["a"], {}) == 0.0


def test_judgements_are_well_formed() -> None:
    assert len(JUDGEMENTS) >= 40
    assert len({j.query for j in JUDGEMENTS}) == len(JUDGEMENTS)
    assert all(j.relevant and set(j.relevant.values()) <= {1, 2} for j in JUDGEMENTS)


@pytest.mark.django_db
def test_runner_on_a_tiny_corpus(tmp_path) -> None:  # type: ignore[no-untyped-def]
    records = [
        {
            "id": "a",
            "title": "某市物业管理条例",
            "text": "# 某市物业管理条例\n\n第一条 规范物业管理活动。",
            "date": "2020-01-01",
        },
        {
            "id": "b",
            "title": "某市消防条例",
            "text": "第一条 物业管理区域应当做好消防工作。",
            "date": "2021-01-01",
        },
        {"id": "c", "title": "某市审计条例", "text": "第一条 审计监督。", "date": "2022-01-01"},
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    entries = corpus_entries(read_corpus(path))
    assert entries[0].body.startswith("某市物业管理条例")  # Markdown heading marks removed
    judged = [
        Judged("物业管理", {"某市物业管理条例": 2, "某市消防条例": 1}),
        Judged("审计", {"某市审计条例": 2}),
        Judged("专利", {"某市专利条例": 2}),  # not in the corpus: ideal DCG 0 → nDCG 0
    ]
    with eval_index("tantivy", entries) as backend:
        report = evaluate(backend, {e.key: e.title for e in entries}, judged)
    by_query = {r.query: r for r in report.results}
    # 物业管理: the title match (4 points) ranks above the body-only match (1 point) — ideal order.
    assert by_query["物业管理"].top == ["某市物业管理条例", "某市消防条例"]
    assert by_query["物业管理"].ndcg == pytest.approx(1.0)
    assert by_query["审计"].ndcg == pytest.approx(1.0) and by_query["审计"].recall == 1.0
    assert by_query["专利"].ndcg == 0.0
    assert report.ndcg == pytest.approx(2 / 3)
