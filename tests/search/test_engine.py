"""Analysis, the embedded index's writer lock, and agreement between the two backends."""

from __future__ import annotations

import datetime as dt

import pytest
import tantivy
from django.db import connection

from gongkai.core.context import Actor
from gongkai.documents.choices import Validity
from gongkai.documents.services import document_set_validity
from gongkai.search.analysis import grams, normalise, parse_query, segment
from gongkai.search.backends import SearchIndexBusy, SearchUnavailable, get_backend
from gongkai.search.backends.tantivy_backend import TantivyBackend
from gongkai.search.services import search, search_rebuild
from gongkai.search.types import IndexEntry, SearchQuery


def test_bigrams_have_real_positions() -> None:
    assert grams(normalise("住房公积金")) == [(0, "住房"), (1, "房公"), (2, "公积"), (3, "积金")]
    assert grams(normalise("第２０１８号 ABC，年")) == [
        (0, "第"),
        (1, "2018"),
        (2, "号"),
        (3, "abc"),
        (4, "年"),
    ]


def test_normalise_and_domain_dictionary() -> None:
    assert normalise("ＡＢＣ\x00１２") == "abc12"
    assert "最低生活保障" in segment("申请最低生活保障的条件")
    assert "住房公积金" in segment("苏州住房公积金提取")


def test_query_language() -> None:
    q = parse_query(
        '"住房 公积金" +提取 -贷款 标题:办法 机构:财政局 文号:苏府办[2018]193号', {"提取": ["支取"]}
    )
    assert [(g.alternatives, g.regions, g.exact) for g in q.groups] == [
        (("住房 公积金",), ("A", "B", "C", "D"), True),
        (("提取", "支取"), ("A", "B", "C", "D"), False),
        (("办法",), ("A",), False),
        (("财政局",), ("D",), False),
    ]
    assert q.excluded == ["贷款"]
    assert q.doc_number_filter == "苏府办〔2018〕193号"
    assert parse_query("苏府办2018 193").doc_number == "苏府办〔2018〕193号"


def test_tantivy_weight_by_field_multiplies_by_log2_2_plus_w(tmp_path) -> None:
    """We rely on tantivy's ``weight_by_field`` = score × log2(2 + max(w, 0)); fail loudly if that changes."""
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("t", tokenizer_name="raw")
    sb.add_float_field("w", fast=True)
    schema = sb.build()
    index = tantivy.Index(schema, path=str(tmp_path))
    writer = index.writer(15_000_000, 1)
    for w in (-1.0, 2.0**1.25 - 2.0, 2.0**103.0 - 2.0):
        writer.add_document(tantivy.Document(t="x", w=w))
    writer.commit()
    index.reload()
    q = tantivy.Query.const_score_query(tantivy.Query.term_query(schema, "t", "x"), 4.0)
    scores = sorted(s for s, _ in index.searcher().search(q, 10, weight_by_field="w").hits)
    assert scores == pytest.approx([4.0, 5.0, 412.0], rel=1e-6)  # negative weights count as 0


def entry(key: str) -> IndexEntry:
    type_name, _, pk = key.partition(":")
    return IndexEntry(
        key=key, type=type_name, object_id=int(pk), title="标题", body="", url="/", published_at=None
    )


def test_a_second_writer_gets_a_clear_error(tmp_path) -> None:
    first = TantivyBackend(tmp_path)
    second = TantivyBackend(tmp_path)  # as another process would: its own Index on the same folder
    first.upsert([entry("document:1")])  # holds the writer until commit
    with pytest.raises(SearchIndexBusy, match="同一时间只允许一个写入者"):
        second.upsert([entry("document:2")])
    first.commit()
    second.upsert([entry("document:2")])
    second.commit()
    assert first.keys() == {"document:1", "document:2"}


@pytest.mark.django_db
def test_shared_backend_needs_postgresql() -> None:
    if connection.vendor == "postgresql":
        assert get_backend("postgres").name == "postgres"
    else:
        with pytest.raises(SearchUnavailable, match="PostgreSQL"):
            get_backend("postgres")


AGREEMENT_QUERIES = [
    "公积金",
    "住房公积金 提取",
    "社保",
    "养老服务",
    '"公积金提取"',
    "公积金 -贷款",
    "标题:办法",
    "苏府办〔2018〕193号",
    "苏府办2018 193",
    "通知",
    "财政局",
]


@pytest.mark.django_db
def test_backends_agree(settings, publish, staff, clock, committed) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("两种后端的比较需要 PostgreSQL")
    titles = [
        ("住房公积金提取管理办法", "办理提取业务。", "苏财〔2026〕1号"),
        ("关于公积金贷款的通知", "贷款后可以提取公积金。", "苏财〔2026〕2号"),
        ("关于印发养老服务办法的通知", "养老服务。", "苏府办〔2018〕193号"),
        ("关于落实苏府办〔2018〕193号文件的通知", "根据苏府办〔2018〕193号。", "苏财〔2026〕3号"),
        ("社会保险费征缴通知", "社会保险。住房公积金。", "苏财〔2026〕4号"),
        ("养老服务补贴发放办法", "公积金。", "苏财〔2026〕5号"),
        ("关于民生实事的通知", "养老服务补贴，住房公积金提取。", "苏财〔2026〕6号"),
    ]
    docs = []
    for title, body, number in titles:
        docs.append(publish(title=title, body=body, doc_number=number))
        clock.advance(dt.timedelta(days=3))
    with committed():
        document_set_validity(
            actor=Actor(staff["admin"]),
            document=docs[5],
            validity=Validity.EXPIRED,
            date_changed=clock.today(),
        )
    tantivy_backend = get_backend("tantivy")
    postgres_backend = get_backend("postgres")
    search_rebuild(backend=tantivy_backend)
    search_rebuild(backend=postgres_backend)
    for text in AGREEMENT_QUERIES:
        for sort in ("relevance", "date"):
            q = SearchQuery(text=text, sort=sort, page_size=50)
            a = search(q, backend=tantivy_backend)
            b = search(q, backend=postgres_backend)
            assert [h.key for h in a.hits] == [h.key for h in b.hits], (text, sort)
            assert a.total == b.total, text
            assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits], rel=1e-5), text
            assert a.facets == b.facets, text
            assert [h.snippet_html for h in a.hits] == [h.snippet_html for h in b.hits], text
