"""一号答 pages over HTTP: citizen files → centre dispatches → unit signs, handles, replies → citizen
reads the reply and rates; refusals, bad input, forged secrets."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from gongkai.disclosure.models import PublicAttempt
from gongkai.interaction.choices import Rating, State
from gongkai.interaction.models import Ticket
from gongkai.interaction.services.public import FILINGS_PER_HOUR

pytestmark = pytest.mark.django_db


def _token(html: str) -> str:
    m = re.search(r'name="form_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def _form(client: Client, **overrides: Any) -> dict[str, Any]:
    page = client.get("/yhd/new/")
    assert page.status_code == 200
    data = {
        "form_token": _token(page.content.decode()),
        "ticket_type": "complaint",
        "subject": "小区门口道路积水",
        "content": "平江路小区门口下雨后积水严重，请财政局协调处理。",
        "place": "平江路",
        "contact_name": "张三",
        "contact_phone": "13800000000",
        "consent_publish": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def _file(client: Client, **overrides: Any) -> tuple[str, str]:
    r = client.post("/yhd/new/", _form(client, **overrides))
    assert r.status_code == 302, r.content.decode()[:2000]
    receipt = client.get("/yhd/receipt/").content.decode()
    code = re.search(r'id="tracking-code">([^<]+)<', receipt).group(1)  # type: ignore[union-attr]
    secret = re.search(r'id="tracking-secret">([^<]+)<', receipt).group(1)  # type: ignore[union-attr]
    return code, secret


def _staff(username: str) -> Client:
    from gongkai.accounts.models import User

    c = Client()
    c.force_login(User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend")
    return c


def _version(ticket: Ticket) -> int:
    ticket.refresh_from_db()
    return ticket.version


def test_full_journey(clock, staff, units) -> None:  # type: ignore[no-untyped-def]
    citizen = Client()
    code, secret = _file(citizen)
    ticket = Ticket.objects.get(tracking_code=code)
    assert ticket.channel == "website" and ticket.urgency == "normal" and ticket.state == State.RECEIVED
    assert ticket.hotline_unit == units["city"] and ticket.consent_publish
    # the receipt is shown once only
    assert citizen.get("/yhd/receipt/").status_code == 302

    centre = _staff("office")
    queue = centre.get("/workbench/tickets/")
    assert queue.status_code == 200 and code in queue.content.decode()
    page = centre.get(f"/workbench/tickets/{ticket.pk}/").content.decode()
    assert "建议承办单位" in page and "苏州市财政局" in page and "与单位名称相符" in page
    r = centre.post(
        f"/workbench/tickets/{ticket.pk}/dispatch/",
        {"version": _version(ticket), "unit": units["finance"].pk, "note": ""},
    )
    assert r.status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == State.DISPATCHED and ticket.current_unit == units["finance"]

    unit = _staff("handler")
    assert code in unit.get("/workbench/tickets/?state=dispatched").content.decode()
    assert (
        unit.post(f"/workbench/tickets/{ticket.pk}/sign/", {"version": _version(ticket)}).status_code == 302
    )
    assert (
        unit.post(f"/workbench/tickets/{ticket.pk}/start/", {"version": _version(ticket)}).status_code == 302
    )
    page = unit.get(f"/workbench/tickets/{ticket.pk}/").content.decode()
    assert "计时记录" in page and "起算" in page
    r = unit.post(
        f"/workbench/tickets/{ticket.pk}/reply/",
        {"version": _version(ticket), "reply_text": "已安排清理排水管道。"},
    )
    assert r.status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == State.REPLIED

    reader = Client()
    r = reader.post("/yhd/track/", {"tracking_code": code.lower(), "secret": secret})
    assert r.status_code == 302
    page = reader.get(r["Location"]).content.decode()
    assert "已安排清理排水管道。" in page and "满意" in page and "申请重办" in page
    r = reader.post(f"/yhd/track/{code}/rate/", {"rating": Rating.BASICALLY, "note": "还可以"})
    assert r.status_code == 302
    ticket.refresh_from_db()
    assert ticket.rating == Rating.BASICALLY and ticket.rating_note == "还可以"

    # reopen once, then no second time
    r = reader.post(f"/yhd/track/{code}/reopen/", {"reason": "积水又出现了"})
    assert r.status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == State.HANDLING and ticket.reopened

    # the centre closes after a second reply
    unit.post(
        f"/workbench/tickets/{ticket.pk}/reply/", {"version": _version(ticket), "reply_text": "已彻底修复。"}
    )
    page = reader.get(f"/yhd/track/{code}/").content.decode()
    assert "已彻底修复。" in page and f"/yhd/track/{code}/reopen/" not in page
    r = centre.post(
        f"/workbench/tickets/{ticket.pk}/close/", {"version": _version(ticket), "visit_note": "电话回访"}
    )
    assert r.status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == State.CLOSED


def test_bad_input_keeps_input_and_saves_nothing(clock, units) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    r = c.post("/yhd/new/", _form(c, subject="", contact_phone="", content="我的诉求内容保留"))
    assert r.status_code == 400
    html = r.content.decode()
    assert "请填写标题。" in html and "我的诉求内容保留" in html
    assert not Ticket.objects.exists()
    # the service's rule (phone needed for a complaint) lands on its field, Chinese, input kept
    r = c.post("/yhd/new/", _form(c, contact_phone="", content="第二次"))
    assert (
        r.status_code == 400 and "请填写联系电话。" in r.content.decode() and "第二次" in r.content.decode()
    )
    # anonymity is refused for complaints, allowed for reports (and drops the contact data)
    r = c.post("/yhd/new/", _form(c, anonymous="on"))
    assert r.status_code == 400 and "不能匿名" in r.content.decode()
    assert not Ticket.objects.exists()
    _file(c, ticket_type="report", anonymous="on")
    t = Ticket.objects.get()
    assert t.anonymous and t.contact_name == "" and t.contact_phone == ""


def test_honeypot_token_and_rate_limit(clock, units) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    assert c.post("/yhd/new/", _form(c, website="http://spam")).status_code == 400
    assert c.post("/yhd/new/", _form(c, form_token="forged")).status_code == 400
    assert not Ticket.objects.exists()
    data = _form(c)
    assert c.post("/yhd/new/", data).status_code == 302
    # the same form posted again files nothing new
    other = Client()
    r = other.post("/yhd/new/", data)
    assert r.status_code == 409 and Ticket.objects.count() == 1
    for _ in range(FILINGS_PER_HOUR - 1):
        assert c.post("/yhd/new/", _form(c)).status_code == 302
    r = c.post("/yhd/new/", _form(c))
    assert r.status_code == 429 and "提交过于频繁" in r.content.decode()
    assert Ticket.objects.count() == FILINGS_PER_HOUR


def test_forged_secret_gets_generic_error(clock, units) -> None:  # type: ignore[no-untyped-def]
    code, _secret = _file(Client())
    c = Client()
    wrong = c.post("/yhd/track/", {"tracking_code": code, "secret": "forged-secret"})
    unknown = c.post("/yhd/track/", {"tracking_code": "YHDNOSUCH22", "secret": "forged-secret"})
    assert wrong.status_code == unknown.status_code == 400
    assert "查询码或查询密码不正确。" in wrong.content.decode()
    assert "查询码或查询密码不正确。" in unknown.content.decode()
    # without a successful look-up the ticket page and its forms are closed
    assert c.get(f"/yhd/track/{code}/").status_code == 302
    assert c.post(f"/yhd/track/{code}/rate/", {"rating": "satisfied"}).status_code == 302
    assert PublicAttempt.objects.filter(scope="yhd_lookup").count() == 2


def test_permission_refusals(clock, staff, units, tickets) -> None:  # type: ignore[no-untyped-def]
    t = tickets.create()
    assert Client().get("/workbench/tickets/").status_code == 302  # login required
    # a finance handler may not dispatch (only the hotline centre)
    handler = _staff("handler")
    r = handler.post(
        f"/workbench/tickets/{t.pk}/dispatch/", {"version": t.version, "unit": units["finance"].pk}
    )
    assert r.status_code == 403
    # a ticket not yet at the handler's unit is not visible to them
    assert handler.get(f"/workbench/tickets/{t.pk}/").status_code == 403
    centre = _staff("office")
    centre.post(f"/workbench/tickets/{t.pk}/dispatch/", {"version": _version(t), "unit": units["finance"].pk})
    # a handler of another unit may neither see nor sign
    other = _staff("other_handler")
    assert other.get(f"/workbench/tickets/{t.pk}/").status_code == 403
    assert other.post(f"/workbench/tickets/{t.pk}/sign/", {"version": _version(t)}).status_code == 403
    # the centre may not sign for the unit
    t.refresh_from_db()
    assert t.state == State.DISPATCHED
    # return needs a reason; the error is in Chinese and nothing changes
    r = handler.post(f"/workbench/tickets/{t.pk}/return/", {"version": _version(t), "reason": ""})
    assert r.status_code == 400 and "请填写退回理由。" in r.content.decode()
    t.refresh_from_db()
    assert t.state == State.DISPATCHED
    # a stale page is refused
    r = handler.post(f"/workbench/tickets/{t.pk}/sign/", {"version": t.version - 1})
    assert r.status_code == 409


def test_operator_intake_with_channel_and_urgency(clock, staff, units) -> None:  # type: ignore[no-untyped-def]
    centre = _staff("office")
    assert centre.get("/workbench/tickets/new/").status_code == 200
    data = {
        "hotline_unit": units["city"].pk,
        "channel": "phone",
        "urgency": "urgent",
        "ticket_type": "help",
        "subject": "老人走失求助",
        "content": "家中老人走失，请求协助。申请公开政府信息。",
        "contact_name": "李四",
        "contact_phone": "13900000000",
    }
    r = centre.post("/workbench/tickets/new/", data)
    assert r.status_code == 302
    t = Ticket.objects.get()
    assert t.channel == "phone" and t.urgency == "urgent" and t.time_limit_working_days == 1
    page = centre.get(r["Location"]).content.decode()
    assert "查询密码" in page and "分流提示" in page and "政府信息公开申请" in page
    # a unit handler may not receive tickets for the city
    r = _staff("handler").post("/workbench/tickets/new/", {**data, "subject": "另一件"})
    assert r.status_code == 400 and Ticket.objects.count() == 1


def test_citizen_pages_lead_back_to_yhd_not_to_disclosure(db) -> None:  # type: ignore[no-untyped-def]
    for url in ("/yhd/new/", "/yhd/track/"):
        html = Client().get(url).content.decode()
        assert '<p class="no-print"><a href="/yhd/new/">一号答</a>' in html, url
        assert '<p class="no-print"><a href="/yisqgk/">依申请公开</a></p>' not in html, url
