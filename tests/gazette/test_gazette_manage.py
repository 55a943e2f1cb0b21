"""政府公报 workbench pages and staff API: the openness office edits, evaluators look, others are
refused; bad input comes back in Chinese with nothing saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.core.context import Actor
from gongkai.core.models import AuditEvent
from gongkai.documents.services import document_withdraw
from gongkai.gazette.models import GazetteIssue, GazetteItem
from gongkai.gazette.services import gazette_issue_create, gazette_item_add
from tests.api.helpers import login, post_json, put_json, token_client
from tests.documents.factories import make_draft, make_published

pytestmark = pytest.mark.django_db

MANAGE = "/gazette/manage/"
API = "/api/v1/staff/gazette"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF"


def text(resp: Any) -> str:
    return resp.content.decode()


def _state() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int]:
    issues = list(
        GazetteIssue.objects.order_by("pk").values_list("pk", "year", "number", "title", "issued_on", "pdf")
    )
    items = list(GazetteItem.objects.order_by("pk").values_list("pk", "document_id", "section", "sort_order"))
    return issues, items, AuditEvent.objects.count()


def _issue(staff: Any, year: int = 2026, number: int = 7) -> GazetteIssue:
    return gazette_issue_create(
        actor=Actor(staff["office"]), year=year, number=number, issued_on=dt.date(year, 6, 1)
    )


def test_urls_do_not_clash_with_the_public_pages() -> None:
    assert reverse("gazette:manage") == MANAGE
    assert reverse("gazette:year", args=[2026]) == "/gazette/2026/"


def test_office_creates_edits_and_builds_the_toc(clock, staff) -> None:
    c = login(staff["office"])
    assert "新建一期" in text(c.get(MANAGE))
    resp = c.post(
        reverse("gazette:manage_new"),
        {
            "year": "2026",
            "number": "7",
            "issued_on": "2026-06-10",
            "title": "",
            "pdf": SimpleUploadedFile("x.pdf", PDF),
        },
    )
    assert resp.status_code == 302, text(resp)[:1500]
    issue = GazetteIssue.objects.get()
    assert issue.title == "苏州市人民政府公报 2026年第7期" and issue.pdf.name.startswith("gazette/")
    assert Client().get(reverse("gazette:pdf", args=[2026, 7])).status_code == 200

    resp = c.post(
        reverse("gazette:manage_edit", args=[issue.pk]),
        {"year": "2026", "number": "8", "issued_on": "2026-06-12", "title": "公报第八期"},
    )
    assert resp.status_code == 302
    issue.refresh_from_db()
    assert (issue.number, issue.title, issue.issued_on) == (8, "公报第八期", dt.date(2026, 6, 12))
    assert issue.pdf  # kept when no new file is sent
    assert AuditEvent.objects.get(action="gazette.issue_update").changes["number"] == [7, 8]

    a = make_published(staff["handler"], staff["admin"], title="第一篇", doc_number="苏财〔2026〕1号")
    b = make_published(staff["handler"], staff["admin"], title="第二篇")
    add = reverse("gazette:manage_item_add", args=[issue.pk])
    resp = c.post(add, {"document": "苏财[2026]1号", "section": "部门文件"}, follow=True)
    assert "已收入本期目录" in text(resp)
    c.post(add, {"document": str(b.pk), "section": "市政府文件", "sort_order": "0"})
    html = text(Client().get(reverse("gazette:issue", args=[2026, 8])))
    assert html.index("第二篇") < html.index("第一篇")

    item_a = GazetteItem.objects.get(document=a)
    resp = c.post(
        reverse("gazette:manage_item_update", args=[item_a.pk]), {"sort_order": "0", "section": "市政府文件"}
    )
    item_a.refresh_from_db()
    assert item_a.section == "市政府文件" and item_a.sort_order == 0
    page = text(c.get(reverse("gazette:manage_issue", args=[issue.pk])))
    assert "第一篇" in page and "移出" in page

    resp = c.post(reverse("gazette:manage_item_remove", args=[item_a.pk]), follow=True)
    assert "已将《第一篇》移出本期目录" in text(resp)
    assert list(GazetteItem.objects.values_list("document_id", flat=True)) == [b.pk]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "gazette.issue_create",
        "gazette.issue_update",
        "gazette.item_add",
        "gazette.item_update",
        "gazette.item_remove",
    } <= actions


def test_bad_input_is_refused_in_chinese_and_nothing_saved(clock, staff) -> None:
    issue = _issue(staff, 2026, 7)
    _issue(staff, 2026, 8)
    c = login(staff["office"])
    draft = make_draft(staff["handler"], title="草稿", doc_number="苏财〔2026〕9号")
    public = make_published(staff["handler"], staff["admin"], title="公开的")
    gazette_item_add(actor=Actor(staff["office"]), issue=issue, document=public)
    before = _state()
    new = reverse("gazette:manage_new")
    resp = c.post(new, {"year": "2026", "number": "7", "issued_on": "2026-06-10"})
    assert resp.status_code == 200 and "2026年第7期已存在" in text(resp)
    resp = c.post(
        new,
        {
            "year": "2026",
            "number": "9",
            "issued_on": "2026-06-10",
            "pdf": SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert "上传的文件不是 PDF，已拒绝" in text(resp)
    resp = c.post(new, {"year": "2026", "number": "9", "issued_on": "2025-12-31"})
    assert "出版日期须在该年份内" in text(resp)
    resp = c.post(
        reverse("gazette:manage_edit", args=[issue.pk]),
        {"year": "2026", "number": "8", "issued_on": "2026-06-01"},
    )
    assert "2026年第8期已存在" in text(resp)
    resp = c.post(
        reverse("gazette:manage_edit", args=[issue.pk]),
        {
            "year": "2026",
            "number": "7",
            "issued_on": "2026-06-01",
            "pdf": SimpleUploadedFile("b.pdf", b"<html>"),
        },
    )
    assert "上传的文件不是 PDF" in text(resp)
    add = reverse("gazette:manage_item_add", args=[issue.pk])
    assert "只有已发布的主动公开文件可以收入公报" in text(
        c.post(add, {"document": "苏财〔2026〕9号"}, follow=True)
    )
    assert "只有已发布的主动公开文件可以收入公报" in text(
        c.post(add, {"document": str(draft.pk)}, follow=True)
    )
    assert "该文件已在本期目录中" in text(c.post(add, {"document": str(public.pk)}, follow=True))
    assert "未找到编号为 999999 的文件" in text(c.post(add, {"document": "999999"}, follow=True))
    assert "未找到发文字号为 苏财〔2020〕1号 的文件" in text(
        c.post(add, {"document": "苏财〔2020〕1号"}, follow=True)
    )
    assert _state() == before


@pytest.mark.parametrize("who", ["handler", "admin", "district_office", "evaluator"])
def test_other_roles_are_refused_and_change_nothing(clock, staff, who) -> None:
    issue = _issue(staff)
    doc = make_published(staff["handler"], staff["admin"])
    item = gazette_item_add(
        actor=Actor(staff["office"]),
        issue=issue,
        document=make_published(staff["handler"], staff["admin"], title="已收入"),
    )
    c = login(staff[who])
    if who == "evaluator":  # reads, without the forms
        assert "编辑政府公报需要公开办" in text(c.get(MANAGE))
        page = text(c.get(reverse("gazette:manage_issue", args=[issue.pk])))
        assert "已收入" in page and "收入本期" not in page
    elif who == "district_office":  # an openness office: edits the gazette (one publication for the city)
        assert c.get(MANAGE).status_code == 200
        return
    else:
        assert c.get(MANAGE).status_code == 403
        assert c.get(reverse("gazette:manage_issue", args=[issue.pk])).status_code == 403
    before = _state()
    posts = [
        (reverse("gazette:manage_new"), {"year": "2026", "number": "9", "issued_on": "2026-06-10"}),
        (
            reverse("gazette:manage_edit", args=[issue.pk]),
            {"year": "2026", "number": "9", "issued_on": "2026-06-10"},
        ),
        (reverse("gazette:manage_item_add", args=[issue.pk]), {"document": str(doc.pk)}),
        (reverse("gazette:manage_item_update", args=[item.pk]), {"sort_order": "5"}),
        (reverse("gazette:manage_item_remove", args=[item.pk]), {}),
    ]
    for url, data in posts:
        assert c.post(url, data).status_code == 403, url
    assert _state() == before


def test_staff_sees_withdrawn_items_the_public_does_not(clock, staff) -> None:
    issue = _issue(staff)
    doc = make_published(staff["handler"], staff["admin"], title="后来撤回的")
    gazette_item_add(actor=Actor(staff["office"]), issue=issue, document=doc)
    document_withdraw(actor=Actor(staff["admin"]), document=doc, reason="有误")
    page = text(login(staff["office"]).get(reverse("gazette:manage_issue", args=[issue.pk])))
    assert "后来撤回的" in page and "已不公开" in page
    assert "后来撤回的" not in text(Client().get(reverse("gazette:issue", args=[2026, 7])))


# --- staff API -------------------------------------------------------------------------------------


def test_api_issue_and_items(clock, staff) -> None:
    office = token_client(staff["office"])
    created = post_json(office, f"{API}/issues", {"year": 2026, "number": 7, "issued_on": "2026-06-10"})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (
        body["title"] == "苏州市人民政府公报 2026年第7期" and body["items"] == [] and body["pdf_url"] is None
    )
    url = f"{API}/issues/{body['id']}"
    updated = put_json(office, url, {"year": 2026, "number": 7, "issued_on": "2026-06-11", "title": "新标题"})
    assert updated.status_code == 200 and updated.json()["title"] == "新标题"
    up = office.post(f"{url}/pdf", {"pdf": SimpleUploadedFile("x.pdf", PDF)})
    assert up.status_code == 200 and up.json()["pdf_url"].endswith("/gazette/2026/7/pdf/")

    a = make_published(staff["handler"], staff["admin"], title="甲", doc_number="苏财〔2026〕1号")
    b = make_published(staff["handler"], staff["admin"], title="乙")
    added = post_json(office, f"{url}/items", {"document": "苏财〔2026〕1号", "section": "部门文件"})
    assert added.status_code == 201 and added.json()["items"][0]["document_id"] == a.pk
    post_json(office, f"{url}/items", {"document": str(b.pk)})
    items = office.get(url).json()["items"]
    assert [i["title"] for i in items] == ["甲", "乙"]
    moved = office.patch(
        f"{API}/items/{items[1]['id']}", data={"sort_order": 0}, content_type="application/json"
    )
    assert moved.status_code == 200 and [i["title"] for i in moved.json()["items"]] == ["乙", "甲"]
    removed = office.delete(f"{API}/items/{items[0]['id']}")
    assert removed.status_code == 200 and [i["title"] for i in removed.json()["items"]] == ["乙"]
    assert AuditEvent.objects.filter(action="gazette.item_remove", actor=staff["office"]).exists()


def test_api_refusals(clock, staff) -> None:
    issue = _issue(staff, 2026, 7)
    _issue(staff, 2026, 8)
    draft = make_draft(staff["handler"], title="草稿")
    public = make_published(staff["handler"], staff["admin"])
    item = gazette_item_add(actor=Actor(staff["office"]), issue=issue, document=public)
    office = login(staff["office"])
    evaluator, admin = token_client(staff["evaluator"]), token_client(staff["admin"])
    before = _state()
    url = f"{API}/issues/{issue.pk}"
    clash = post_json(office, f"{API}/issues", {"year": 2026, "number": 8, "issued_on": "2026-06-10"})
    assert clash.status_code == 400 and clash.json() == {
        "detail": "2026年第8期已存在。",
        "errors": {"number": ["2026年第8期已存在。"]},
    }
    clash = put_json(office, url, {"year": 2026, "number": 8, "issued_on": "2026-06-10"})
    assert clash.status_code == 400 and clash.json()["detail"] == "2026年第8期已存在。"
    bad_date = post_json(office, f"{API}/issues", {"year": 2026, "number": 9, "issued_on": "2026-13-01"})
    assert bad_date.status_code == 422 and "日期" in bad_date.json()["errors"]["issued_on"][0]
    not_pdf = office.post(f"{url}/pdf", {"pdf": SimpleUploadedFile("x.pdf", b"GIF89a")})
    assert not_pdf.status_code == 400 and not_pdf.json()["detail"] == "上传的文件不是 PDF，已拒绝。"
    resp = post_json(office, f"{url}/items", {"document": str(draft.pk)})
    assert resp.status_code == 400 and resp.json()["detail"] == "只有已发布的主动公开文件可以收入公报。"
    resp = post_json(office, f"{url}/items", {"document": str(public.pk)})
    assert resp.status_code == 400 and resp.json()["detail"] == "该文件已在本期目录中。"
    resp = evaluator.get(url)
    assert resp.status_code == 200 and len(resp.json()["items"]) == 1
    for c in (evaluator, admin):
        assert (
            post_json(c, f"{API}/issues", {"year": 2026, "number": 9, "issued_on": "2026-06-10"}).status_code
            == 403
        )
        assert put_json(c, url, {"year": 2026, "number": 9, "issued_on": "2026-06-10"}).status_code == 403
        assert post_json(c, f"{url}/items", {"document": str(public.pk)}).status_code == 403
        assert c.delete(f"{API}/items/{item.pk}").status_code == 403
    assert admin.get(url).status_code == 403
    assert office.get(f"{API}/issues/999999").status_code == 404
    assert _state() == before
