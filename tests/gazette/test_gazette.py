"""政府公报: services, year browsing, the issue's table of contents and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.documents.services import document_withdraw
from gongkai.gazette.models import GazetteIssue, GazetteItem
from gongkai.gazette.services import gazette_issue_create, gazette_item_add
from tests.documents.factories import make_draft, make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _issue(staff, year: int = 2026, number: int = 7, **kw) -> GazetteIssue:  # type: ignore[no-untyped-def]
    return gazette_issue_create(
        actor=Actor(staff["office"]), year=year, number=number, issued_on=dt.date(year, 6, 1), **kw
    )


def test_issue_rules(clock, staff, media) -> None:
    issue = _issue(staff, 2018, 7)
    assert issue.title == "苏州市人民政府公报 2018年第7期"
    with pytest.raises(InvalidInput, match="已存在"):
        _issue(staff, 2018, 7)
    with pytest.raises(InvalidInput):
        gazette_issue_create(actor=Actor(staff["office"]), year=2018, number=8, issued_on=dt.date(2019, 1, 1))
    with pytest.raises(InvalidInput, match="PDF"):
        _issue(staff, 2018, 9, pdf=SimpleUploadedFile("a.pdf", b"MZ not a pdf"))
    with_pdf = _issue(staff, 2018, 10, pdf=SimpleUploadedFile("../a.pdf", b"%PDF-1.4\n%%EOF"))
    assert with_pdf.pdf.name.startswith("gazette/")
    resp = Client().get(reverse("gazette:pdf", args=[2018, 10]))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"


def test_only_openness_office_edits_and_only_public_documents(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    draft = make_draft(staff["handler"], doc_number="苏财〔2026〕5号")
    for who in ("handler", "admin", "evaluator"):
        with pytest.raises(NotPermitted):
            gazette_issue_create(actor=Actor(staff[who]), year=2026, number=1, issued_on=dt.date(2026, 1, 5))
    issue = _issue(staff)
    with pytest.raises(NotPermitted):
        gazette_item_add(actor=Actor(staff["admin"]), issue=issue, document=doc)
    with pytest.raises(InvalidInput):
        gazette_item_add(actor=Actor(staff["office"]), issue=issue, document=draft)
    gazette_item_add(actor=Actor(staff["office"]), issue=issue, document=doc)
    with pytest.raises(InvalidInput):
        gazette_item_add(actor=Actor(staff["office"]), issue=issue, document=doc)
    assert GazetteIssue.objects.count() == 1 and GazetteItem.objects.count() == 1


def test_year_browse_and_toc(clock, staff) -> None:
    a = make_published(staff["handler"], staff["admin"], title="第一篇")
    b = make_published(staff["handler"], staff["admin"], title="第二篇", doc_number="苏财〔2026〕2号")
    c_doc = make_published(staff["handler"], staff["admin"], title="后来撤回的", doc_number="苏财〔2026〕3号")
    old = _issue(staff, 2025, 12)
    issue = _issue(staff, 2026, 7)
    office = Actor(staff["office"])
    gazette_item_add(actor=office, issue=issue, document=b, section="部门文件", sort_order=2)
    gazette_item_add(actor=office, issue=issue, document=a, section="市政府文件", sort_order=1)
    gazette_item_add(actor=office, issue=issue, document=c_doc, section="部门文件")
    document_withdraw(actor=Actor(staff["admin"]), document=c_doc, reason="错误")
    client = Client()
    index = client.get(reverse("gazette:index")).content.decode()
    assert issue.title in index and old.title not in index  # newest year by default
    assert old.title in client.get(reverse("gazette:year", args=[2025])).content.decode()
    assert client.get(reverse("gazette:year", args=[1990])).status_code == 404
    html = client.get(reverse("gazette:issue", args=[2026, 7])).content.decode()
    assert html.index("第一篇") < html.index("第二篇")
    assert "市政府文件" in html and reverse("portal:document", args=[a.pk]) in html
    assert "后来撤回的" not in html
    assert client.get(reverse("gazette:issue", args=[2026, 99])).status_code == 404


def test_api(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    issue = _issue(staff, 2018, 7)
    _issue(staff, 2019, 1)
    gazette_item_add(actor=Actor(staff["office"]), issue=issue, document=doc, section="部门文件")
    c = Client()
    assert [r["number"] for r in c.get("/api/v1/gazette/issues?year=2018").json()] == [7]
    assert len(c.get("/api/v1/gazette/issues").json()) == 2
    body = c.get("/api/v1/gazette/issues/2018/7").json()
    assert body["title"] == issue.title and body["pdf_url"] is None
    assert body["items"][0]["document_id"] == doc.pk and body["items"][0]["section"] == "部门文件"
    resp = c.get("/api/v1/gazette/issues/2018/8")
    assert resp.status_code == 404 and resp.json()["detail"] == "未找到2018年第8期政府公报。"


def test_management_command(clock, staff) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    doc = make_published(staff["handler"], staff["admin"])
    out = StringIO()
    call_command("gazette", "issue", "2018", "7", "2018-07-15", stdout=out)
    call_command("gazette", "item", "2018", "7", str(doc.pk), "--section", "部门文件", stdout=out)
    assert "2018年第7期" in out.getvalue()
    assert GazetteItem.objects.get().section == "部门文件"
    with pytest.raises(CommandError, match="已存在"):
        call_command("gazette", "issue", "2018", "7", "2018-07-15")
