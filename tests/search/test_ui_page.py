"""The portal search page over the real (tantivy) index: highlights, tabs, facets, filters, sorting,
pages, corrections, hostile input, escaping."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.core.context import Actor
from gongkai.interpretations.services import policyqa_create
from gongkai.search import log, suggest
from tests.documents.factories import make_draft

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    suggest.reset_vocabulary()
    log.clear_hot_cache()
    yield
    suggest.reset_vocabulary()
    log.clear_hot_cache()


def page(**params: object) -> str:
    resp = Client().get(URL, params)
    assert resp.status_code == 200, resp.status_code
    return resp.content.decode()


def hit_titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'class="hit-title" href="[^"]*">(.*?)</a>', html)]


def test_results_show_highlighted_title_and_snippet(publish) -> None:  # type: ignore[no-untyped-def]
    publish(
        title="关于调整2026年度住房公积金缴存基数的通知",
        body="各缴存单位：\n经研究，现就调整住房公积金缴存基数有关事项通知如下。缴存比例为5%至12%。",
        doc_number="苏财〔2026〕21号",
    )
    html = page(q="公积金")
    # 公积金 is expanded to 住房公积金 (a starter synonym); the hit shows where it matched
    assert "关于调整2026年度<mark>住房公积金</mark>缴存基数的通知" in html
    assert re.search(r'class="snippet">[^<]*<mark>住房公积金</mark>缴存基数', html)
    assert "苏财〔2026〕21号" in html and "苏州市财政局" in html
    assert "找到 <strong>1</strong> 条结果" in html


def test_search_by_doc_number_in_any_bracket_style(publish) -> None:  # type: ignore[no-untyped-def]
    doc = publish(title="关于印发收费目录的通知", doc_number="苏财规〔2026〕3号")
    assert doc.title in hit_titles(page(q="苏财规[2026]3号"))


def test_drafts_never_appear(publish, staff, committed) -> None:  # type: ignore[no-untyped-def]
    publish(title="养老服务补贴发放办法")
    with committed():
        make_draft(staff["handler"], title="养老服务草稿未发布", doc_number="苏财〔2026〕77号")
    html = page(q="养老服务")
    assert hit_titles(html) == ["养老服务补贴发放办法"]
    assert "草稿未发布" not in html


def test_tabs_and_facets_with_counts_and_filters_narrow(publish, staff, committed) -> None:  # type: ignore[no-untyped-def]
    d1 = publish(title="社会保险费征缴通知", topic="1502", doc_number="苏财〔2026〕31号")
    publish(title="社会保险待遇调整", topic="0401", doc_number="苏财〔2026〕32号")
    with committed():
        policyqa_create(
            actor=Actor(staff["admin"]), document=d1, question="社会保险费怎么缴？", answer="按月缴纳。"
        )
    html = page(q="社会保险")
    assert re.search(r"全部<span class=\"count\">（3）</span>", html)
    assert re.search(r"政府信息<span class=\"count\">（2）</span>", html)
    assert re.search(r"政策问答<span class=\"count\">（1）</span>", html)
    assert "发布机构" in html and "苏州市财政局（3）" in html
    assert "主题分类" in html and "有效性" in html and "发布年份" in html
    assert re.search(r'topic=15">[^<]*（2）', html)  # 15 劳动、人事、监察 (the Q&A shares its policy's topic)

    only_docs = page(q="社会保险", type="document")
    assert len(hit_titles(only_docs)) == 2
    # the tabs keep the counts over every type while one type is chosen
    assert re.search(r"全部<span class=\"count\">（3）</span>", only_docs)
    assert 'aria-current="page" class="active">政府信息' in only_docs

    narrowed = page(q="社会保险", type="document", topic="04")
    assert hit_titles(narrowed) == ["社会保险待遇调整"]
    assert "已选条件" in narrowed and "取消此条件" in narrowed

    # a facet link adds its filter; following it narrows the list
    link = re.search(r'<a href="(\?[^"]*topic=15[^"]*)">', page(q="社会保险", type="document"))
    assert link
    resp = Client().get(URL + link.group(1).replace("&amp;", "&"))
    assert hit_titles(resp.content.decode()) == ["社会保险费征缴通知"]
    # unknown filter values are ignored, never an error
    assert len(hit_titles(page(q="社会保险", type="nope", topic="xx", validity="<b>", year="abc"))) == 3


def test_sort_by_date_and_pagination(publish, clock) -> None:  # type: ignore[no-untyped-def]
    titles = []
    for i in range(12):
        clock.advance(dt.timedelta(days=1))
        title = f"财政预算公开第{i + 1}号通知"
        titles.append(title)
        publish(title=title, doc_number=f"苏财〔2026〕{100 + i}号")
    newest_first = list(reversed(titles))
    first = page(q="预算公开", sort="date")
    assert hit_titles(first) == newest_first[:10]
    assert "共 2 页" in first and 'rel="next"' in first
    second = page(q="预算公开", sort="date", page="2")
    assert hit_titles(second) == newest_first[10:]
    assert 'rel="prev"' in second
    # out-of-range or broken page numbers do not fail
    assert hit_titles(page(q="预算公开", page="999")) == []
    assert len(hit_titles(page(q="预算公开", page="x"))) == 10


def test_did_you_mean_only_when_the_correction_finds_more(publish) -> None:  # type: ignore[no-untyped-def]
    publish(title="关于养老服务补贴发放的通知")
    html = page(q="养老服物")  # 物 for 务: same sound
    assert "您是不是要找" in html and ">养老服务</a>" in html
    pinyin = page(q="yanglaofuwu")
    assert "您是不是要找" in pinyin and ">养老服务</a>" in pinyin
    assert "您是不是要找" not in page(q="养老服务")


def test_empty_query_and_notice_for_long_query(publish) -> None:  # type: ignore[no-untyped-def]
    html = page()
    assert "找到" not in html
    assert "检索词过长" in page(q="公积金" * 100)


HOSTILE = [
    "x" * 10_000,
    '"unbalanced',
    '""""',
    "！？。，、；：",
    "' OR 1=1; DROP TABLE documents_document; --",
    "title:* AND (a OR",
    "标题:",
    "文号:",
    "-",
    "+",
    "*:*",
    "\\",
    "%",
    "😀🙈社保",
    "社保\x00",
    "\x00",
    "<script>alert(1)</script>",
    "a" * 41,
    "機構:財政",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_fail(publish, text: str) -> None:  # type: ignore[no-untyped-def]
    publish(title="社会保险费征缴通知")
    resp = Client().get(URL, {"q": text, "page": "-1", "page_size": "100000"})
    assert resp.status_code == 200
    assert "<script>alert(1)</script>" not in resp.content.decode()


def test_script_in_a_title_is_escaped(publish) -> None:  # type: ignore[no-untyped-def]
    publish(title="关于<script>alert(1)</script>的通知", body="正文<img src=x onerror=alert(2)>")
    html = page(q="alert")
    assert "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


def test_hot_queries_come_from_the_log(publish, clock) -> None:  # type: ignore[no-untyped-def]
    publish(title="社会保险费征缴通知")
    for _ in range(3):
        page(q="社会保险")
    for _ in range(3):
        page(q="火星移民")  # finds nothing: never a hot query
    log.clear_hot_cache()
    html = Client().get(reverse("search:page")).content.decode()
    assert "热搜" in html and "社会保险" in html and "火星移民" not in html
    clock.advance(dt.timedelta(days=31))
    log.clear_hot_cache()
    assert "热搜" not in Client().get(reverse("search:page")).content.decode()


def test_header_search_form_targets_the_search_page(db) -> None:
    html = Client().get("/").content.decode()
    assert 'action="/search/"' in html and 'name="q"' in html
