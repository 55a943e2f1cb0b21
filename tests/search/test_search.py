"""The engine, run against both backends (``backend`` fixture: tantivy; postgres on PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from gongkai.core.context import Actor
from gongkai.core.errors import NotPermitted
from gongkai.documents.choices import Validity
from gongkai.documents.services import document_set_validity, document_withdraw
from gongkai.gazette.services import gazette_issue_create, gazette_item_add
from gongkai.interpretations.services import policyqa_create
from gongkai.search.synonyms import synonym_create
from tests.documents.factories import make_draft
from tests.interpretations.helpers import make_published_interpretation
from tests.search.conftest import find, keys

pytestmark = pytest.mark.django_db


def key(doc) -> str:  # type: ignore[no-untyped-def]
    return f"document:{doc.pk}"


def test_only_public_documents_are_found(backend, publish, staff, committed) -> None:  # type: ignore[no-untyped-def]
    public = publish(title="关于社会保险费征缴的通知")
    with committed():
        make_draft(staff["handler"], title="社会保险草稿", doc_number="苏财〔2026〕2号")
    on_request = publish(title="社会保险依申请公开件", disclosure="on_request", doc_number="苏财〔2026〕3号")
    gone = publish(title="社会保险撤回件", doc_number="苏财〔2026〕4号")
    assert key(gone) in keys("社会保险")
    with committed():
        document_withdraw(actor=Actor(staff["admin"]), document=gone, reason="内容有误")
    found = keys("社会保险")
    assert found == [key(public)]
    index_keys = backend.keys()
    assert key(on_request) not in index_keys
    assert key(gone) not in index_keys


def test_publishing_adds_to_the_index(backend, staff, clock, committed) -> None:  # type: ignore[no-untyped-def]
    from gongkai.documents.services import document_approve, document_submit

    doc = make_draft(staff["handler"], title="关于养老服务补贴的通知")
    assert keys("养老服务") == []
    with committed():
        document_submit(actor=Actor(staff["handler"]), document=doc)
        document_approve(actor=Actor(staff["admin"]), document=doc)
    assert keys("养老服务") == [key(doc)]


def test_substrings_are_found_through_bigrams(backend, publish) -> None:  # type: ignore[no-untyped-def]
    doc = publish(title="关于调整住房公积金缴存基数的通知", body="各单位：缴存比例不变。")
    assert keys("公积金") == [key(doc)]
    assert keys("缴存") == [key(doc)]
    assert keys("金缴") == [key(doc)]  # across a word boundary
    assert keys('"基数调整"') == []  # an exact phrase that does not occur
    assert keys("基数调整") == [key(doc)]  # segmented: both words occur


def test_synonyms_expand_queries(backend, publish, staff) -> None:  # type: ignore[no-untyped-def]
    doc = publish(title="关于社会保险费征缴工作的通知")
    low = publish(title="最低生活保障标准调整", doc_number="苏财〔2026〕9号")
    assert keys("社保") == [key(doc)]
    assert keys("低保") == [key(low)]
    care = publish(title="养老托育服务体系建设方案", doc_number="苏财〔2026〕10号")
    assert keys("一老一小") == []
    synonym_create(actor=Actor(staff["office"]), term="一老一小", expansions=["养老托育"])
    assert keys("一老一小") == [key(care)]
    with pytest.raises(NotPermitted):
        synonym_create(actor=Actor(staff["handler"]), term="医保", expansions=["医疗保障"])


def test_phrases_required_excluded_and_field_prefixes(backend, publish) -> None:  # type: ignore[no-untyped-def]
    d1 = publish(title="住房公积金提取管理办法", body="办理提取业务。")
    d2 = publish(title="关于公积金贷款的通知", body="贷款后可以提取。", doc_number="苏财〔2026〕5号")
    d3 = publish(
        "other_handler", "office", title="公积金缴存公告", body="缴存。", doc_number="苏府办〔2026〕6号"
    )
    assert keys('"公积金提取"') == [key(d1)]
    assert set(keys("公积金 -贷款")) == {key(d1), key(d3)}
    assert keys("+提取 +贷款") == [key(d2)]
    assert keys("标题:提取") == [key(d1)]
    assert set(keys("公积金 机构:财政局")) == {key(d1), key(d2)}
    assert keys("公积金 机构:办公室") == [key(d3)]
    assert keys("文号:苏财(2026)5号") == [key(d2)]


def test_doc_number_variants_rank_first(backend, publish) -> None:  # type: ignore[no-untyped-def]
    target = publish(title="关于印发养老服务办法的通知", doc_number="苏府办〔2018〕193号")
    citing = publish(
        title="关于落实苏府办〔2018〕193号文件的通知",
        body="根据苏府办〔2018〕193号文件精神，苏府办〔2018〕193号。",
        doc_number="苏财〔2026〕7号",
    )
    for text in ("苏府办〔2018〕193号", "苏府办[2018]193号", "苏府办2018 193", "苏府办（2018）193号"):
        found = keys(text)
        assert found[0] == key(target), text
        assert key(citing) in found


def test_title_matches_rank_above_body_matches(backend, publish, clock) -> None:  # type: ignore[no-untyped-def]
    in_title = publish(title="养老服务补贴发放办法", body="见附件。")
    clock.advance(dt.timedelta(days=30))
    in_body = publish(title="关于民生实事的通知", body="其中包括养老服务补贴。", doc_number="苏财〔2026〕8号")
    assert keys("养老服务") == [key(in_title), key(in_body)]


def test_valid_ranks_above_expired(backend, publish, staff, clock, committed) -> None:  # type: ignore[no-untyped-def]
    valid = publish(title="养老服务补贴发放办法")
    clock.advance(dt.timedelta(days=30))
    expired = publish(title="养老服务补贴发放暂行办法", doc_number="苏财〔2026〕8号")
    assert keys("养老服务")[0] == key(expired)  # newer first while both are valid
    with committed():
        document_set_validity(
            actor=Actor(staff["admin"]),
            document=expired,
            validity=Validity.EXPIRED,
            date_changed=clock.today(),
        )
    assert keys("养老服务") == [key(valid), key(expired)]


def test_newer_first_when_relevance_ties(backend, publish, clock) -> None:  # type: ignore[no-untyped-def]
    old = publish(title="关于做好防汛工作的通知", doc_number="苏财〔2026〕11号")
    clock.advance(dt.timedelta(days=1))
    new = publish(title="关于做好防汛工作的通知", doc_number="苏财〔2026〕12号")
    assert keys("防汛") == [key(new), key(old)]
    by_date = [h.key for h in find("防汛", sort="date").hits]
    assert by_date == [key(new), key(old)]


def test_facets_count_matches(backend, publish, staff, committed, clock) -> None:  # type: ignore[no-untyped-def]
    a = publish(title="安全生产检查通知", topic="0905")
    publish(title="安全生产大检查方案", topic="0905", doc_number="苏财〔2026〕13号")
    publish("other_handler", "office", title="安全生产月活动", topic="0201", doc_number="苏府办〔2026〕1号")
    with committed():
        document_set_validity(
            actor=Actor(staff["admin"]), document=a, validity=Validity.REPEALED, date_changed=clock.today()
        )
    res = find("安全生产")
    assert res.total == 3
    facets = {name: {(f.value, f.label): f.count for f in values} for name, values in res.facets.items()}
    assert facets["type"] == {("document", "政府信息"): 3}
    assert facets["unit"] == {("014000003", "苏州市财政局"): 2, ("014000002", "苏州市人民政府办公室"): 1}
    assert facets["year"] == {("2026", "2026"): 3}
    assert facets["topic"] == {("09", "市场监管、安全生产监管"): 2, ("02", "综合政务"): 1}
    assert facets["validity"] == {("valid", "有效"): 2, ("repealed", "废止"): 1}
    only = find("安全生产", unit_code="014000002", topic="02", year=2026)
    assert only.total == 1
    assert find("安全生产", validity="repealed").hits[0].key == key(a)
    counts_only = find("安全生产", with_facets=False, with_hits=False)
    assert (counts_only.total, counts_only.hits) == (3, [])
    assert list(counts_only.facets) == ["type"]
    assert counts_only.facets["type"] == res.facets["type"]


def test_highlights_are_escaped(backend, publish) -> None:  # type: ignore[no-untyped-def]
    publish(title="关于<script>alert(1)</script>住房公积金的通知", body="<b>公积金</b>缴存 & 提取")
    hit = find("公积金").hits[0]
    assert "<script>" not in hit.title_html
    assert "&lt;script&gt;" in hit.title_html
    assert "<mark>住房公积金</mark>" in hit.title_html  # the synonym expansion is marked too
    assert "&lt;b&gt;<mark>公积金</mark>&lt;/b&gt;" in hit.snippet_html
    assert "&amp;" in hit.snippet_html


HOSTILE = [
    "公积金" * 4000,
    '"住房公积金',
    '公积金"',
    "！！！？？？。。。",
    "title:* OR 1=1 --",
    "'; DROP TABLE search_searchentry; --",
    "标题:",
    "文号:",
    "+ - \"\" ''",
    "😀🎉公积金😀",
    "公积\x00金",
    "\x00\x01\x02",
    "!(&|<->):*",
    "公积金 & ! | <-> :A",
    "\\' \\\\ %s %(x)s {}",
    "-公积金",
    "a" * 500,
    "年",
    "",
    "   ",
]


def test_hostile_queries_never_raise(backend, publish) -> None:  # type: ignore[no-untyped-def]
    doc = publish(title="住房公积金提取办法")
    for text in HOSTILE:
        res = find(text)
        assert res.total >= 0
    long = find("公积金" * 4000)
    assert "100" in long.notice
    assert find("！！！？？？。。。").notice
    assert [h.key for h in find("😀🎉公积金😀").hits] == [key(doc)]
    assert [h.key for h in find("公积\x00金").hits] == [key(doc)]
    assert find("", page=10**9, page_size=10**9).total == 0
    assert find("公积金", page=-5, page_size=0).total == 1


def test_interpretations_qa_and_gazette_are_indexed(backend, publish, staff, system, committed) -> None:  # type: ignore[no-untyped-def]
    doc = publish(title="关于完善失业保险金申领的通知")
    with committed():
        item = make_published_interpretation(
            staff["handler"], staff["admin"], [doc], title="失业保险金申领政策解读", body="怎样申领失业保险金"
        )
        qa = policyqa_create(
            actor=Actor(staff["handler"]),
            document=doc,
            question="失业保险金在哪里申领？",
            answer="网上办理。",
        )
        issue = gazette_issue_create(actor=system, year=2026, number=6, issued_on=dt.date(2026, 6, 10))
        gazette_item_add(actor=system, issue=issue, document=doc, section="市政府文件")
    res = find("失业保险金", page_size=50)
    by_key = {h.key: h.type for h in res.hits}
    assert by_key == {
        key(doc): "document",
        f"interpretation:{item.pk}": "interpretation",
        f"qa:{qa.pk}": "qa",
        f"gazette:{issue.pk}": "gazette",
    }
    assert {f.value for f in res.facets["type"]} == {"document", "interpretation", "qa", "gazette"}
    assert keys("失业保险金", types=("qa",)) == [f"qa:{qa.pk}"]
    # Withdrawing the policy takes its Q&A out and the gazette issue's TOC drops its title.
    with committed():
        document_withdraw(actor=Actor(staff["admin"]), document=doc, reason="撤回")
    assert set(keys("失业保险金")) == {f"interpretation:{item.pk}"}


def test_rebuild_and_check_repair(backend, publish, capsys) -> None:  # type: ignore[no-untyped-def]
    from gongkai.search.services import search_check
    from gongkai.search.types import IndexEntry

    docs = [publish(title=f"第{i}号财政预算公告", doc_number=f"苏财〔2026〕{20 + i}号") for i in range(3)]
    backend.clear()
    backend.commit()
    assert keys("财政预算") == []
    call_command("search_rebuild", "--batch", "2")
    assert set(keys("财政预算")) == {key(d) for d in docs}
    assert "3 条" in capsys.readouterr().out
    assert search_check().ok
    backend.delete([key(docs[0])])
    backend.upsert(
        [
            IndexEntry(
                key="document:999999",
                type="document",
                object_id=999999,
                title="幽灵",
                body="",
                url="/",
                published_at=None,
            )
        ]
    )
    backend.commit()
    call_command("search_check")
    out = capsys.readouterr().out
    assert "索引缺少 1 条，多余 1 条" in out
    call_command("search_check", "--repair")
    assert "已修复" in capsys.readouterr().out
    report = search_check()
    assert report.ok, report.summary()
    assert set(keys("财政预算")) == {key(d) for d in docs}
    call_command("search_rebuild", "--type", "document")
    assert search_check().ok
