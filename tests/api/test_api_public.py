"""Anonymous reads: only published, proactively disclosed records, with filters and pagination."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.core.context import Actor
from gongkai.documents.choices import Disclosure, Validity, WithholdingReason
from gongkai.documents.services import (
    attachment_add,
    document_approve,
    document_create,
    document_set_validity,
    document_submit,
    document_withdraw,
)
from tests.api.helpers import doc_input, draft, published

pytestmark = pytest.mark.django_db


def _blank_pdf() -> bytes:
    """A readable PDF without a text layer (the privacy gate asks for a manual check of it)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _confirm_checked_by_hand(actor: Actor, doc: Any) -> None:
    from gongkai.privacy.services import document_gate_report, document_subject, privacy_review_apply

    report = document_gate_report(doc)
    privacy_review_apply(
        actor=actor,
        subject=document_subject(doc),
        token=report.token,
        choices={},
        confirmations={item.source: "已人工逐页核对，无个人信息。" for item in report.open_files},
    )


@pytest.fixture
def anon() -> Client:
    return Client()


@pytest.fixture
def corpus(clock, units, staff):  # type: ignore[no-untyped-def]
    """Public documents in several units and years, and records that must never show."""
    finance, district_dept = units["finance"], units["district_dept"]
    docs = {
        "notice": published(
            finance,
            title="关于做好2026年社会保险费征缴工作的通知",
            doc_number="苏财社〔2026〕5号",
            topic="1502",
        ),
        "budget": published(
            finance,
            title="苏州市2025年财政预算执行情况",
            topic="0401",
            genre="报告",
            date_written=dt.date(2025, 3, 1),
            at=dt.datetime(2025, 3, 5, 2, tzinfo=dt.UTC),
        ),
        "district": published(
            district_dept,
            title="姑苏区财政专项资金管理办法",
            topic="0401",
            genre="规范性文件",
            doc_number="姑财规〔2026〕1号",
        ),
        "city": published(
            units["city"], title="市政府关于推进政务公开工作的意见", topic="0201", genre="意见"
        ),
        "draft": draft(staff["handler"], title="尚未发布的草稿"),
        "on_request": published(finance, title="依申请公开的信息", disclosure=Disclosure.ON_REQUEST),
        "withheld": published(
            finance,
            title="不予公开的信息",
            disclosure=Disclosure.WITHHELD,
            withholding_reason=WithholdingReason.PROCESS_INFO,
        ),
        "withdrawn": published(finance, title="已撤回的信息"),
    }
    document_withdraw(actor=Actor(staff["admin"]), document=docs["withdrawn"], reason="内容有误")
    return docs


def _titles(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {d["title"] for d in response.json()["results"]}


def test_list_shows_only_public_records(anon, corpus) -> None:
    response = anon.get("/api/v1/documents")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["count"] == 4
    assert _titles(response) == {
        "关于做好2026年社会保险费征缴工作的通知",
        "苏州市2025年财政预算执行情况",
        "姑苏区财政专项资金管理办法",
        "市政府关于推进政务公开工作的意见",
    }
    # Chinese is sent as UTF-8 text, not \\u escapes.
    assert "社会保险费" in response.content.decode("utf-8")
    first = body["results"][0]
    assert first["title"] == "市政府关于推进政务公开工作的意见"  # newest first; same time → highest id first
    assert first["unit"] == {"code": "014000001", "name": "苏州市人民政府"}
    assert set(first) >= {
        "id",
        "index_number",
        "title",
        "unit",
        "doc_number",
        "date_written",
        "published_at",
        "topic",
        "genre",
        "validity",
        "url",
    }


@pytest.mark.parametrize("key", ["draft", "on_request", "withheld", "withdrawn"])
def test_non_public_records_are_not_found(anon, corpus, key) -> None:
    response = anon.get(f"/api/v1/documents/{corpus[key].pk}")
    assert response.status_code == 404
    assert response.json()["detail"] == "未找到该政府信息，可能尚未发布或已撤回。"


def test_unknown_id_is_not_found_in_chinese(anon, corpus) -> None:
    response = anon.get("/api/v1/documents/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该政府信息，可能尚未发布或已撤回。", "errors": {}}


def test_detail_has_full_metadata(anon, clock, units, staff, settings) -> None:
    system = Actor.system()
    successor = published(units["finance"], title="新办法", doc_number="苏财规〔2026〕9号")
    doc = document_create(
        actor=system,
        unit=units["finance"],
        data=doc_input(
            title="苏州市财政专项资金管理办法",
            doc_number="苏财规[2026]2号",
            keywords="财政 专项资金",
            summary="规范专项资金管理。",
            topic="0401",
            genre="规范性文件",
        ),
    )
    pdf = _blank_pdf()
    attachment_add(actor=system, document=doc, upload=SimpleUploadedFile("办法全文.pdf", pdf))
    document_submit(actor=system, document=doc)
    _confirm_checked_by_hand(system, doc)
    document_approve(actor=system, document=doc)
    document_set_validity(
        actor=system,
        document=doc,
        validity=Validity.REPEALED,
        date_changed=dt.date(2026, 6, 12),
        superseded_by=successor,
    )

    response = anon.get(f"/api/v1/documents/{doc.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["index_number"] == "014000003/2026-00002"
    assert data["title"] == "苏州市财政专项资金管理办法"
    assert data["unit"] == {"code": "014000003", "name": "苏州市财政局"}
    assert data["issuer"] == "苏州市财政局"
    assert data["doc_number"] == "苏财规〔2026〕2号"
    assert data["date_written"] == "2026-06-01"
    assert data["published_at"] == "2026-06-15T10:00:00+08:00"
    assert data["topic"] == {"code": "0401", "label": "财政、金融、审计\\财政"}
    assert data["genre"] == "规范性文件"
    assert data["disclosure"] == {"code": "proactive", "label": "主动公开"}
    assert data["disclosure_method"] == {"code": "website", "label": "政府网站"}
    assert data["validity"] == {
        "code": "repealed",
        "label": "废止",
        "date": "2026-06-12",
        "superseded_by": {"id": successor.pk, "title": "新办法"},
    }
    assert data["keywords"] == "财政 专项资金"
    assert data["summary"] == "规范专项资金管理。"
    assert data["body"].startswith("各区财政局")
    assert data["is_synthetic"] is False
    assert data["version"] == 1
    assert data["url"].endswith(f"/documents/{doc.pk}/")
    [attachment] = data["attachments"]
    assert attachment["name"] == "办法全文.pdf"
    assert attachment["size_bytes"] == len(pdf)
    assert attachment["content_type"] == "application/pdf"
    assert attachment["url"].startswith("http://testserver/")
    # The link works and serves the file.
    download = anon.get(attachment["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf  # type: ignore[attr-defined]


def test_script_in_title_stays_literal_text(anon, clock, units) -> None:
    doc = published(units["finance"], title='<script>alert("x")</script>通知')
    response = anon.get(f"/api/v1/documents/{doc.pk}")
    assert response.json()["title"] == '<script>alert("x")</script>通知'
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("unit=014000003", {"关于做好2026年社会保险费征缴工作的通知", "苏州市2025年财政预算执行情况"}),
        ("unit=014000001", {"市政府关于推进政务公开工作的意见"}),
        ("unit=014000004&include_subunits=true", {"姑苏区财政专项资金管理办法"}),
        ("unit=014000004", set()),
        ("topic=04", {"苏州市2025年财政预算执行情况", "姑苏区财政专项资金管理办法"}),
        ("topic=1502", {"关于做好2026年社会保险费征缴工作的通知"}),
        ("year=2025", {"苏州市2025年财政预算执行情况"}),
        ("genre=意见", {"市政府关于推进政务公开工作的意见"}),
        ("q=预算", {"苏州市2025年财政预算执行情况"}),
        ("q=姑财规[2026]1号", {"姑苏区财政专项资金管理办法"}),
        ("q=苏财社（2026）5号", {"关于做好2026年社会保险费征缴工作的通知"}),
        ("validity=valid&topic=0201", {"市政府关于推进政务公开工作的意见"}),
        ("validity=repealed", set()),
    ],
)
def test_filters(anon, corpus, query, expected) -> None:
    response = anon.get(f"/api/v1/documents?{query}")
    assert response.status_code == 200, response.json()
    assert _titles(response) == expected
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("unit=999999999", "unit", "未找到机构代码为 999999999 的单位。"),
        ("topic=99", "topic", "未知的主题分类代码 99。"),
        ("genre=小说", "genre", "未知的文种“小说”。"),
    ],
)
def test_unknown_filter_codes_are_explained(anon, corpus, query, field, message) -> None:
    response = anon.get(f"/api/v1/documents?{query}")
    assert response.status_code == 400
    assert response.json()["errors"] == {field: [message]}


def test_pagination(anon, clock, units) -> None:
    for i in range(7):
        published(units["finance"], title=f"第{i}号通知", at=dt.datetime(2026, 6, 1 + i, 2, tzinfo=dt.UTC))
    first = anon.get("/api/v1/documents?page_size=3").json()
    assert (first["count"], first["page"], first["page_size"], first["num_pages"]) == (7, 1, 3, 3)
    assert [d["title"] for d in first["results"]] == ["第6号通知", "第5号通知", "第4号通知"]
    last = anon.get("/api/v1/documents?page_size=3&page=3").json()
    assert [d["title"] for d in last["results"]] == ["第0号通知"]
    beyond = anon.get("/api/v1/documents?page_size=3&page=9").json()
    assert beyond["results"] == [] and beyond["count"] == 7


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("page_size=101", "page_size", "不能大于100。"),
        ("page_size=0", "page_size", "不能小于1。"),
        ("page=0", "page", "不能小于1。"),
        ("page=abc", "page", "应为整数。"),
        ("year=二〇二六", "year", "应为整数。"),
    ],
)
def test_bad_paging_is_a_chinese_422(anon, corpus, query, field, message) -> None:
    response = anon.get(f"/api/v1/documents?{query}")
    assert response.status_code == 422
    assert response.json() == {"detail": "请求数据格式不正确。", "errors": {field: [message]}}


@pytest.mark.parametrize("n", [5, 30])
def test_list_query_count_is_bounded(anon, clock, units, django_assert_max_num_queries, n) -> None:
    for i in range(n):
        published(units["finance"] if i % 2 else units["district_dept"], title=f"文件{i}")
    with django_assert_max_num_queries(4):
        response = anon.get("/api/v1/documents?page_size=100")
    assert response.json()["count"] == n


def test_units_tree(anon, units) -> None:
    response = anon.get("/api/v1/units")
    assert response.status_code == 200
    rows = {u["code"]: u for u in response.json()}
    assert rows["014000001"]["parent_code"] is None and rows["014000001"]["depth"] == 0
    assert rows["014000001"]["kind"] == {"code": "city_gov", "label": "市政府"}
    assert rows["014000005"]["parent_code"] == "014000004" and rows["014000005"]["depth"] == 2
    codes = [u["code"] for u in response.json()]
    assert codes.index("014000004") < codes.index("014000005")  # parents first


def test_unit_detail(anon, units) -> None:
    data = anon.get("/api/v1/units/014000004").json()
    assert data["name"] == "苏州市姑苏区人民政府"
    assert data["parent"] == {"code": "014000001", "name": "苏州市人民政府"}
    assert data["children"] == [{"code": "014000005", "name": "姑苏区财政局"}]
    missing = anon.get("/api/v1/units/000000000")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "未找到机构代码为 000000000 的单位。"


def test_topics(anon, db) -> None:
    topics = anon.get("/api/v1/topics").json()
    assert len(topics) == 22
    assert topics[1]["code"] == "02" and topics[1]["name"] == "综合政务"
    assert topics[1]["children"][0] == {"code": "0201", "name": "政务公开", "label": "综合政务\\政务公开"}
    assert topics[-1] == {"code": "22", "name": "其他", "children": []}
