"""A staff member drafts, another reviews and publishes, the public sees it: over HTTP, as users do."""

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.documents.choices import Status
from gongkai.documents.models import Document
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(username: str) -> Client:
    c = Client(REMOTE_ADDR="192.0.2.10")
    resp = c.post(reverse("workbench:login"), {"username": username, "password": PASSWORD})
    assert resp.status_code == 302, resp.content.decode()[:500]
    return c


FORM = {
    "title": "关于公布2026年苏州市行政事业性收费目录的通知",
    "doc_number": "苏财规[2026]7号",
    "date_written": "2026-06-10",
    "topic": "0401",
    "genre": "通知",
    "disclosure": "proactive",
    "disclosure_method": "website",
    "body": "各市、区财政局：\n现将收费目录公布如下。",
}


def test_draft_review_publish_public_and_audit(clock, staff) -> None:
    author = login("handler")
    resp = author.post(reverse("workbench:document_new"), FORM)
    assert resp.status_code == 302
    doc = Document.objects.get()
    assert doc.doc_number == "苏财规〔2026〕7号"
    author.post(reverse("workbench:document_action", args=[doc.pk, "submit"]))

    reviewer = login("admin")
    resp = reviewer.post(reverse("workbench:document_action", args=[doc.pk, "approve"]), follow=True)
    assert "已审核通过" in resp.content.decode()
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED

    public = Client()
    page = public.get(reverse("portal:document", args=[doc.pk])).content.decode()
    assert "苏财规〔2026〕7号" in page and doc.index_number in page
    assert FORM["title"] in public.get(reverse("portal:home")).content.decode()

    office = login("office")
    log = office.get(reverse("workbench:audit"), {"text": FORM["title"]}).content.decode()
    steps = (("document.create", "新建"), ("document.submit", "提交审核"), ("document.publish", "发布"))
    for action, label in steps:
        assert f'data-action="{action}">{label}<' in log
    assert "192.0.2.10" in log
    assert AuditEvent.objects.filter(action="document.publish", actor=staff["admin"]).exists()


def test_form_errors_are_shown_in_chinese_and_nothing_saved(clock, staff) -> None:
    author = login("handler")
    bad = {**FORM, "date_written": "2026-06-30", "doc_number": "乱写"}
    resp = author.post(reverse("workbench:document_new"), bad)
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "成文日期不能晚于今天" in body and "发文字号格式应为" in body
    assert not Document.objects.exists()


def test_script_in_title_is_rendered_inert(clock, staff) -> None:
    author = login("handler")
    author.post(reverse("workbench:document_new"), {**FORM, "title": "<script>alert('x')</script>"})
    doc = Document.objects.get()
    page = author.get(reverse("workbench:document", args=[doc.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_handler_cannot_open_or_act_on_another_units_document(clock, staff) -> None:
    author = login("handler")
    author.post(reverse("workbench:document_new"), FORM)
    doc = Document.objects.get()
    outsider = login("other_handler")
    assert outsider.get(reverse("workbench:document", args=[doc.pk])).status_code == 403
    assert outsider.post(reverse("workbench:document_action", args=[doc.pk, "submit"])).status_code == 403
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT


def test_send_back_reason_reaches_author(clock, staff) -> None:
    author = login("handler")
    author.post(reverse("workbench:document_new"), FORM)
    doc = Document.objects.get()
    author.post(reverse("workbench:document_action", args=[doc.pk, "submit"]))
    login("admin").post(
        reverse("workbench:document_action", args=[doc.pk, "send_back"]), {"reason": "请补充附件"}
    )
    page = author.get(reverse("workbench:document", args=[doc.pk])).content.decode()
    assert "请补充附件" in page


def test_bulk_submit(clock, staff) -> None:
    author = login("handler")
    for n in range(3):
        author.post(reverse("workbench:document_new"), {**FORM, "doc_number": f"苏财规〔2026〕{n + 1}号"})
    ids = list(Document.objects.values_list("pk", flat=True))
    author.post(reverse("workbench:bulk"), {"action": "submit", "ids": ids})
    assert set(Document.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}


def test_audit_log_is_closed_to_handlers(clock, staff) -> None:
    assert login("handler").get(reverse("workbench:audit")).status_code == 403


def test_anonymous_is_sent_to_login(db) -> None:
    resp = Client().get(reverse("workbench:home"))
    assert resp.status_code == 302 and "/workbench/login/" in resp["Location"]


def test_new_document_files_that_it_replaces_an_older_one(clock, staff) -> None:
    from tests.documents.factories import make_published

    old = make_published(staff["handler"], staff["admin"], title="旧收费办法", doc_number="苏财规〔2025〕4号")
    new = make_published(staff["handler"], staff["admin"], title="新收费办法", doc_number="苏财规〔2026〕4号")
    reviewer = login("admin2")
    url = reverse("workbench:document_action", args=[new.pk, "supersede"])
    resp = reviewer.post(url, {"old_doc_number": "苏财规[2025]4号", "validity": "repealed"}, follow=True)
    assert "已登记替代关系" in resp.content.decode()
    old.refresh_from_db()
    assert old.superseded_by == new and old.validity == "repealed"
    page = Client().get(reverse("portal:document", args=[old.pk])).content.decode()
    assert "本文件已废止" in page and "新收费办法" in page

    bad = reviewer.post(url, {"old_doc_number": "苏财规〔2020〕99号", "validity": "repealed"}, follow=True)
    assert "没有找到发文字号为 苏财规〔2020〕99号 的已公开文件" in bad.content.decode()
    assert (
        login("handler").post(url, {"old_doc_number": "苏财规〔2025〕4号", "validity": "amended"}).status_code
        == 302
    )
    old.refresh_from_db()
    assert old.validity == "repealed", "a handler may not change validity"


def test_handler_home_shows_proactive_deadlines_due_soon(clock, staff) -> None:
    import datetime as dt

    from tests.documents.factories import make_draft

    make_draft(staff["handler"], title="形成已久的通知", date_written=dt.date(2026, 5, 6))
    make_draft(
        staff["handler"],
        title="刚形成的通知",
        date_written=dt.date(2026, 6, 12),
        doc_number="苏财〔2026〕9号",
    )
    page = login("handler").get(reverse("workbench:home")).content.decode()
    assert "即将到期的主动公开" in page
    assert "形成已久的通知" in page and "已逾期" in page
    assert "刚形成的通知" not in page.split("即将到期的主动公开")[1].split("</section>")[0]
