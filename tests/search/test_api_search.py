"""``GET /api/v1/search`` and ``/api/v1/search/suggest`` over the real index."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client

from gongkai.search import log, suggest
from gongkai.search.models import SearchLog

pytestmark = pytest.mark.django_db

API = "/api/v1/search"


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    suggest.reset_vocabulary()
    log.clear_hot_cache()
    yield
    suggest.reset_vocabulary()
    log.clear_hot_cache()


def test_search_returns_hits_facets_and_timing(publish) -> None:  # type: ignore[no-untyped-def]
    doc = publish(title="关于社会保险费征缴工作的通知", body="各单位要按时缴纳社会保险费。", topic="1502")
    resp = Client().get(API, {"q": "社保"})
    assert resp.status_code == 200
    data = resp.json()
    assert data["total"] == 1 and data["page"] == 1 and data["num_pages"] == 1
    hit = data["hits"][0]
    assert hit["key"] == f"document:{doc.pk}" and hit["type_label"] == "政府信息"
    assert hit["url"].endswith(f"/documents/{doc.pk}/")
    assert "<mark>社会保险</mark>" in hit["title_html"] and "<mark>社会保险</mark>" in hit["snippet_html"]
    assert {f["value"] for f in data["facets"]["type"]} == {"document"}
    assert data["facets"]["topic"][0] == {"value": "15", "label": "劳动、人事、监察", "count": 1}
    assert data["took_ms"] >= 0 and data["corrected_text"] == "" and data["direct_answers"] == []
    assert "社会保险" in resp.content.decode()  # Chinese kept readable


def test_api_and_page_give_the_same_total(publish, clock) -> None:  # type: ignore[no-untyped-def]
    for i in range(13):
        publish(title=f"住房保障政策第{i}号通知", doc_number=f"苏财〔2026〕{200 + i}号")
    publish(title="住房公积金管理办法", doc_number="苏财〔2026〕300号")
    for params in (
        {"q": "住房"},
        {"q": "住房", "type": "document", "sort": "date"},
        {"q": "住房保障", "year": "2026"},
    ):
        api_total = Client().get(API, params).json()["total"]
        html = Client().get("/search/", params).content.decode()
        page_total = int(re.search(r"找到 <strong>(\d+)</strong> 条结果", html).group(1))  # type: ignore[union-attr]
        assert api_total == page_total
    assert Client().get(API, {"q": "住房"}).json()["total"] == 14
    second = Client().get(API, {"q": "住房", "page": 2, "page_size": 10}).json()
    assert len(second["hits"]) == 4 and second["num_pages"] == 2


def test_correction_in_the_api(publish) -> None:  # type: ignore[no-untyped-def]
    publish(title="关于养老服务补贴发放的通知")
    assert Client().get(API, {"q": "养老服物"}).json()["corrected_text"] == "养老服务"


HOSTILE = [
    "x" * 999,
    '"unbalanced',
    "！？。，",
    "' OR 1=1; DROP TABLE documents_document; --",
    "title:* AND (a OR",
    "标题:",
    "*:*",
    "😀🙈",
    "社保\x00",
    "\x00",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_answer_200(publish, text: str) -> None:  # type: ignore[no-untyped-def]
    publish(title="社会保险费征缴通知")
    resp = Client().get(API, {"q": text})
    assert resp.status_code == 200, resp.content
    data = resp.json()
    assert isinstance(data["total"], int)
    assert "<script>" not in "".join(h["title_html"] + h["snippet_html"] for h in data["hits"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * 10_000}, "q"),
        ({"q": "社保", "page": 0}, "page"),
        ({"q": "社保", "page": "abc"}, "page"),
        ({"q": "社保", "page_size": 1000}, "page_size"),
        ({"q": "社保", "sort": "random"}, "sort"),
        ({"q": "社保", "year": "1066"}, "year"),
        ({"q": "社保", "type": "nope"}, "type"),
        ({"q": "社保", "topic": "99"}, "topic"),
        ({"q": "社保", "validity": "x"}, "validity"),
    ],
)
def test_invalid_parameters_are_422_in_chinese(db, params: dict[str, object], field: str) -> None:
    resp = Client().get(API, params)
    assert resp.status_code == 422, resp.content
    body = resp.json()
    assert re.search(r"[\u4e00-\u9fff]", body["detail"])
    assert field in body["errors"]


def test_searches_through_the_api_are_logged(publish) -> None:  # type: ignore[no-untyped-def]
    publish(title="社会保险费征缴通知")
    Client().get(API, {"q": "  社保  ", "type": "document"})
    entry = SearchLog.objects.get()
    assert (entry.query, entry.result_count, entry.type_filter, entry.source) == (
        "社保",
        1,
        "document",
        "api",
    )


def test_suggest_endpoint(publish) -> None:  # type: ignore[no-untyped-def]
    publish(title="住房公积金提取管理办法")
    data = Client().get(API + "/suggest", {"q": "gongjijin"}).json()
    assert "公积金" in [s["text"] for s in data["suggestions"]]
    assert Client().get(API + "/suggest", {"q": "x" * 200}).status_code == 422


def test_endpoints_are_in_the_openapi_schema(db) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/search" in schema["paths"] and "/api/v1/search/suggest" in schema["paths"]
    names = {p["name"] for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "type", "unit", "year", "topic", "validity", "sort", "page", "page_size"} <= names
