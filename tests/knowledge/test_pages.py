"""Knowledge pages over HTTP: portal list, entry, 服务导航, kiosk, console, and the staff path
create → submit → approve, with 提议入库 from a ticket page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.knowledge.choices import EntryState
from gongkai.knowledge.models import KnowledgeEntry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(username: str) -> Client:
    c = Client(REMOTE_ADDR="192.0.2.10")
    resp = c.post(reverse("workbench:login"), {"username": username, "password": PASSWORD})
    assert resp.status_code == 302, resp.content.decode()[:500]
    return c


def test_portal_list_detail_and_navigation(kb, event, staff, django_capture_on_commit_callbacks) -> None:
    from tests.documents.factories import make_published

    doc = make_published(staff["handler"], staff["admin"], title="关于灵活就业参保的通知")
    with django_capture_on_commit_callbacks(execute=True):
        entry = kb.published(life_events=[event], documents=[doc], answer_html="<p>答案<b>要点</b></p>")
        draft = kb.draft(question="这是草稿问题？")
    c = Client()
    html = c.get("/zsk/").content.decode()
    assert entry.question in html and draft.question not in html
    page = c.get(f"/zsk/{entry.pk}/").content.decode()
    assert "答案<b>要点</b>" in page and "关于灵活就业参保的通知" in page and "自由职业者怎么交社保" in page
    assert reverse("portal:document", args=[doc.pk]) in page
    assert c.get(f"/zsk/{draft.pk}/").status_code == 404
    nav = c.get("/zsk/nav/").content.decode()
    assert "个人服务" in nav and "法人服务" in nav and "生育收养" in nav and "企业开办" in nav
    assert "企业生命周期" in nav
    ev = c.get(f"/zsk/nav/{event.code}/").content.decode()
    assert entry.question in ev
    assert c.get("/zsk/nav/no-such-event/").status_code == 404
    assert entry.question in c.get("/zsk/", {"q": "自由职业者"}).content.decode()
    assert entry.question in c.get("/zsk/", {"tag": "社保"}).content.decode()
    assert "知识库" in c.get("/").content.decode()  # the portal navigation links here


def test_kiosk_pages_are_public_large_and_return_home(kb, event, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        entry = kb.published(life_events=[event])
    c = Client()
    home = c.get("/kiosk/")
    assert home.status_code == 200 and home["Cache-Control"] == "no-store"
    body = home.content.decode()
    assert "kiosk.css" in body and "社会保障" in body and 'http-equiv="refresh"' not in body
    ev = c.get(f"/kiosk/event/{event.code}/").content.decode()
    assert entry.question in ev and 'http-equiv="refresh"' in ev and "返回首页" in ev
    detail = c.get(f"/kiosk/{entry.pk}/").content.decode()
    assert "社保经办窗口" in detail and 'content="120;url=/kiosk/"' in detail
    found = c.get("/kiosk/search/", {"q": "自由职业者"}).content.decode()
    assert entry.question in found
    assert "暂时没有找到" in c.get("/kiosk/search/", {"q": "火星移民"}).content.decode()


def test_console_for_operators(kb, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        entry = kb.published()
    assert Client().get("/workbench/knowledge/console/").status_code == 302  # login first
    c = login("other_handler")  # any staff member may look answers up
    html = c.get("/workbench/knowledge/console/", {"q": "灵活就业"}).content.decode()
    assert (
        entry.question in html and "<textarea" in html and "携带身份证件到社保经办窗口办理参保登记。" in html
    )


def test_staff_create_review_publish_path(staff) -> None:
    handler = login("handler")
    assert handler.get("/workbench/knowledge/new/").status_code == 200
    resp = handler.post(
        "/workbench/knowledge/new/",
        {
            "unit": staff["handler"].unit.code,
            "question": "租房可以提取住房公积金吗？",
            "phrasings": "租房提取公积金\n没有买房能取公积金吗",
            "answer_html": "<p>可以，按规定申请。</p><script>alert(1)</script>",
            "tags": "公积金、租房",
            "documents": "",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:3000]
    entry = KnowledgeEntry.objects.get(question="租房可以提取住房公积金吗？")
    assert entry.tag_list == ["公积金", "租房"] and "<script" not in entry.current_version.answer_html
    url = f"/workbench/knowledge/{entry.pk}/"
    page = handler.get(url).content.decode()
    assert "提交审核" in page and "审核通过并发布" not in page
    # Edit, then a stale form is refused with a conflict.
    resp = handler.post(
        f"{url}edit/",
        {"version": 0, "question": "租房能提取住房公积金吗？", "answer_html": "可以。", "documents": ""},
    )
    assert resp.status_code == 302
    assert handler.post(f"{url}submit/", {"version": 0}).status_code == 409
    assert handler.post(f"{url}submit/", {"version": 1}).status_code == 302
    assert handler.post(f"{url}approve/", {"version": 2}).status_code == 403
    admin = login("admin")
    assert "审核通过并发布" in admin.get(url).content.decode()
    assert admin.post(f"{url}approve/", {"version": 2}).status_code == 302
    entry.refresh_from_db()
    assert entry.state == EntryState.PUBLISHED and entry.question == "租房能提取住房公积金吗？"
    assert "租房能提取住房公积金吗？" in Client().get(f"/zsk/{entry.pk}/").content.decode()
    listing = admin.get("/workbench/knowledge/", {"state": "published"}).content.decode()
    assert entry.question in listing
    history = admin.get(f"{url}history/").content.decode()
    assert "第1版" in history and "第2版（已发布）" in history
    # Reject needs a reason (form error, nothing changes); expire takes it off the portal.
    assert admin.post(f"{url}expire/", {"version": 3, "reason": ""}).status_code == 400
    assert admin.post(f"{url}expire/", {"version": 3, "reason": "政策调整"}).status_code == 302
    assert Client().get(f"/zsk/{entry.pk}/").status_code == 404
    assert admin.get("/workbench/knowledge/stale/").status_code == 200
    assert login("other_handler").get(url).status_code == 403


def test_form_errors_in_chinese(staff) -> None:
    handler = login("handler")
    resp = handler.post(
        "/workbench/knowledge/new/",
        {"unit": staff["handler"].unit.code, "question": "问题？", "answer_html": "<script>x</script>"},
    )
    assert resp.status_code == 400
    assert "请填写答案。" in resp.content.decode()
    assert KnowledgeEntry.objects.count() == 0


def test_propose_from_ticket_page(clock, staff, units) -> None:
    from tests.knowledge.test_proposal import make_ticket

    ticket = make_ticket(staff, units)
    handler = login("handler")
    page = handler.get(f"/workbench/tickets/{ticket.pk}/").content.decode()
    assert "提议为知识库条目" in page
    action = re.search(r'action="(/workbench/knowledge/from-ticket/\d+/)"', page)
    assert action is not None
    resp = handler.post(action.group(1))
    assert resp.status_code == 302
    entry = KnowledgeEntry.objects.get(source_ticket=ticket)
    assert resp["Location"] == f"/workbench/knowledge/{entry.pk}/"
    assert "王小明" not in entry.current_version.answer_html
    # A second click explains itself on the ticket page.
    resp = handler.post(action.group(1), follow=True)
    assert "已提议为知识条目" in resp.content.decode()
