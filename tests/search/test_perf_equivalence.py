"""The query-path shortcuts give exactly the results of the plain forms they replace."""

from __future__ import annotations

import random

import pytest

from gongkai.search import highlight
from gongkai.search.analysis import match_alternatives, query_grams
from gongkai.search.backends.common import snippet
from gongkai.search.backends.tantivy_backend import (
    _positioned_text,
    _shingle_phrase,
    _shingle_text,
    _shingles,
)
from gongkai.search.services import search
from gongkai.search.types import SearchQuery


def _phrase_positions(doc: list[tuple[int, str]], phrase: list[tuple[int, str]]) -> set[int]:
    """Start positions where ``phrase`` (offsets, tokens) occurs in ``doc``."""
    at = set(doc)
    return {p for p, _ in doc if all((p + off, tok) in at for off, tok in phrase)}


def test_shingle_phrase_matches_exactly_where_the_bigram_phrase_does() -> None:
    rng = random.Random(3)
    alphabet = ["公开", "政务", "务公", "信息", "息公", "政府", "府信", "a1"]
    for _ in range(3000):
        # A document: tokens with gaps (region gaps, the per-token cap), as entry_regions gives.
        doc: list[tuple[int, str]] = []
        pos = 1
        for _ in range(rng.randrange(1, 30)):
            pos += 1 if rng.random() < 0.85 else rng.randrange(2, 5)
            doc.append((pos, rng.choice(alphabet)))
        n = rng.randrange(2, 7)
        phrase = [(i, rng.choice(alphabet)) for i in range(n)]
        if rng.random() < 0.5 and len(doc) >= n:  # often a phrase that does occur
            k = rng.randrange(len(doc) - n + 1)
            phrase = [(i, tok) for i, (_, tok) in enumerate(doc[k : k + n])]
        expected = bool(_phrase_positions(doc, phrase))
        got = bool(_phrase_positions(_shingles(doc), _shingle_phrase(phrase)))
        assert got == expected, (doc, phrase)


def test_shingle_text_fast_path() -> None:
    gapless = [(5 + i, t) for i, t in enumerate(["政务", "务公", "公开", "a1", "公开"])]
    gappy = [(1, "政务"), (2, "务公"), (6, "公开"), (7, "开展"), (9, "x")]
    for tokens in (gapless, gappy):
        assert _shingle_text(tokens) == _positioned_text(_shingles(tokens))
    assert _shingle_text([(1, "政务"), (3, "公开")]) == ""


def test_superset_alternatives_are_dropped_only_when_implied() -> None:
    assert match_alternatives(["公开", "政务公开"]) == ["公开"]
    assert match_alternatives(["政务公开", "政府信息公开"]) == ["政务公开", "政府信息公开"]
    assert match_alternatives(["信息公开", "政府信息公开"]) == ["信息公开"]
    assert match_alternatives(["a b", "a-b"]) == ["a b"]  # the same tokens: keep the first
    assert match_alternatives(["20189", "2018"]) == ["20189", "2018"]  # tokens, not characters
    for alts in (["公开", "政务公开"], ["住房公积金", "公积金", "住房"]):
        kept = match_alternatives(alts)
        for alt in alts:
            seq = [t for _, t in query_grams(alt)]
            assert any(
                any(seq[k : k + len(ks)] == ks for k in range(len(seq) - len(ks) + 1))
                for ks in ([t for _, t in query_grams(x)] for x in kept)
            )


@pytest.mark.parametrize(
    "body",
    [
        "关于做好政务公开工作的通知。" * 40,
        "根据《条例》，现将有关事项通知如下：" + "各单位要加强信息公开。" * 30 + "住房公积金",
        "ＡＢＣ全角字母与数字１２３" * 20 + "政务公开",  # not normalised: the plain path
        "Upper Case 政务公开 " * 30,
        "短文本政务公开",
        "没有命中的正文" * 50,
    ],
)
def test_fast_snippet_equals_highlight_snippet(body: str) -> None:
    for terms in (["政务公开", "公开"], ["住房公积金"], ["abc"], [], ["upper"]):
        assert snippet(body, terms) == highlight.snippet(body, terms)


@pytest.mark.django_db
def test_count_cache_follows_commits(publish, backend) -> None:  # type: ignore[no-untyped-def]
    publish(title="政务公开工作要点", body="做好政务公开工作。")
    assert search(SearchQuery(text="政务公开")).total == 1
    assert search(SearchQuery(text="政务公开", page=2)).total == 1  # cached count, no hits on page 2
    publish(title="政务公开第二份", body="政务公开。")
    first = search(SearchQuery(text="政务公开"))
    assert first.total == 2
    assert sum(f.count for f in first.facets["type"]) == 2
    assert len(first.hits) == 2


PERF_AGREEMENT_QUERIES = [
    "财政局",  # the unit name (region D) of every document; in one body too (C beats D)
    "苏州市财政局 公积金",
    "机构:财政局",
    "标题:公积金",
    "住房公积金提取",  # one long word: a shingle phrase
    "政务公开标准化",
    '"公积金 提取"',
    "公积金 -贷款",
    "苏财〔2026〕2号",  # 发文字号: rows may match through the number alone
    "养老 服务 补贴 发放",
]


@pytest.mark.django_db
def test_backends_agree_on_region_shortcuts(publish, clock) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    from gongkai.search.backends import get_backend
    from gongkai.search.services import search_rebuild

    if connection.vendor != "postgresql":
        pytest.skip("两种后端的比较需要 PostgreSQL")
    import datetime as dt

    rows = [
        ("住房公积金提取管理办法", "办理住房公积金提取业务。", "苏财〔2026〕1号"),
        ("关于公积金贷款的通知", "贷款后可以提取公积金。财政局负责。", "苏财〔2026〕2号"),
        ("政务公开标准化工作方案", "政务公开，标准化。政务公开标准化规范化。", "苏财〔2026〕3号"),
        ("养老服务补贴发放办法", "养老服务补贴按月发放。苏州市财政局。", "苏财〔2026〕4号"),
        ("通知", "住房公积金 提取", ""),
    ]
    for title, body, number in rows:
        publish(title=title, body=body, doc_number=number)
        clock.advance(dt.timedelta(days=2))
    a_backend, b_backend = get_backend("tantivy"), get_backend("postgres")
    search_rebuild(backend=a_backend)
    search_rebuild(backend=b_backend)
    for text in PERF_AGREEMENT_QUERIES:
        for kwargs in ({}, {"sort": "date"}, {"page": 2, "page_size": 2}):
            q = SearchQuery(text=text, **kwargs)  # type: ignore[arg-type]
            a, b = search(q, backend=a_backend), search(q, backend=b_backend)
            assert [h.key for h in a.hits] == [h.key for h in b.hits], (text, kwargs)
            assert a.total == b.total, (text, kwargs)
            assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits], rel=1e-5), text
            assert a.facets == b.facets, text


def test_title_tier_ranks_exactly_like_ranking_every_match(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from gongkai.search.backends import tantivy_backend as tb
    from gongkai.search.types import IndexEntry

    rng = random.Random(11)
    words = ["安全生产", "公积金", "政务公开", "养老服务", "防汛"]
    filler = ["工作", "通知", "方案", "办法", "检查", "落实"]
    entries = []
    for i in range(400):
        title = "".join(rng.sample(words, rng.randrange(0, 3))) + "".join(rng.sample(filler, 2))
        body = "。".join(rng.choice(words + filler) for _ in range(rng.randrange(3, 12)))
        entries.append(
            IndexEntry(
                key=f"document:{i}",
                type="document",
                object_id=i,
                title=title,
                body=body,
                url=f"/documents/{i}/",
                published_at=dt.datetime(2010 + i % 15, 1 + i % 12, 1 + i % 27, tzinfo=dt.UTC),
                unit_code="U1",
                unit_name="苏州市财政局",
                keywords=rng.choice(["", "安全生产", "公积金"]),
                validity=rng.choice(["valid", "valid", "repealed"]),
                boost=rng.choice([1.0, 1.0, 0.5, 1.2]),
            )
        )
    backend = tb.TantivyBackend(tmp_path)
    backend.upsert(entries)
    backend.commit()
    taken = []
    plain_tier = tb.TantivyBackend._title_tier

    def spy(self, *args):  # type: ignore[no-untyped-def]
        out = plain_tier(self, *args)
        taken.append(out is not None)
        return out

    monkeypatch.setattr(tb.TantivyBackend, "_title_tier", spy)
    queries = [*words, "安全生产 公积金", "安全生产 -防汛", "政务公开 检查", "标题:公积金 工作"]
    for text in queries:
        for kwargs in ({}, {"page": 2}, {"page_size": 5}, {"validity": "valid"}):
            q = SearchQuery(text=text, **kwargs)  # type: ignore[arg-type]
            monkeypatch.setattr(tb, "TIER_MIN_TOTAL", 0)
            backend._counts.clear()
            tiered = search(q, backend=backend)
            monkeypatch.setattr(tb, "TIER_MIN_TOTAL", 10**9)
            backend._counts.clear()
            plain = search(q, backend=backend)
            pairs = [(h.key, h.score) for h in tiered.hits]
            assert pairs == [(h.key, h.score) for h in plain.hits], (text, kwargs)
            assert tiered.total == plain.total
    assert any(taken) and not all(taken)  # the tier answered some queries and declined others
