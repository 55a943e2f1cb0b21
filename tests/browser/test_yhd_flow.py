"""Done-when #1 of 一号答 in headless Debian chromium, as a new user would: the Q&A assistant answers a
question the knowledge base covers (with its source), hands an unrelated one over to a person; the
citizen files the pre-filled consultation and gets a tracking code; staff dispatch, sign and reply;
the citizen tracks it with code + password and rates the reply; the consented exchange is published
(through the privacy gate) and read on the portal without contact data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def page(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    yield browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})


def _published_entry(staff: dict[str, Any]) -> Any:
    from gongkai.core.context import Actor
    from gongkai.knowledge.services import EntryInput, entry_approve, entry_create, entry_submit

    handler, admin = staff["handler"], staff["admin"]
    entry = entry_create(
        actor=Actor(handler),
        unit=handler.unit,
        data=EntryInput(
            question="新生儿怎样办理出生户口登记？",
            answer_html="<p>携带出生医学证明和父母双方户口簿，到户籍所在地派出所办理出生户口登记。</p>",
            phrasings=["宝宝出生后怎么上户口"],
        ),
    )
    return entry_approve(actor=Actor(admin), entry=entry_submit(actor=Actor(handler), entry=entry))


@pytest.mark.django_db(transaction=True)
def test_assistant_answers_hands_over_and_the_ticket_is_replied_and_rated(
    live_server, page, clock, staff, units, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from gongkai.core.context import Actor
    from gongkai.interaction.choices import Rating, State, TicketType
    from gongkai.interaction.models import Ticket
    from gongkai.interaction.services import (
        ticket_dispatch,
        ticket_publish_exchange,
        ticket_reply,
        ticket_sign,
        ticket_start,
    )

    entry = _published_entry(staff)

    # 1. a question the knowledge base answers, in everyday words: the answer and its source
    page.goto(live_server.url + "/zsk/ask/")
    assert page.get_by_role("heading", level=1).inner_text() == "智能问答"
    page.get_by_label("请输入您的问题").fill("宝宝刚出生，怎么去派出所上户口？")
    page.get_by_role("button", name="提问").click()
    latest = page.locator("#latest")
    latest.wait_for()
    assert "出生医学证明" in latest.locator(".kb-answer").inner_text()
    assert "答案来源" in latest.inner_text()
    source = latest.locator(".kb-sources").get_by_role("link", name="新生儿怎样办理出生户口登记？")
    assert source.is_visible()
    assert source.get_attribute("href").rstrip("/").endswith(f"/zsk/{entry.pk}")
    page.screenshot(path=str(tmp_path / "1-answer.png"), full_page=True)

    # 2. a question it cannot answer: a polite "not found" and the hand-over to a person
    page.get_by_role("button", name="清空对话，重新提问").click()
    question = "我家楼下的路灯坏了好几天，晚上很黑，能不能派人来修一下？"
    page.get_by_label("请输入您的问题").fill(question)
    page.get_by_role("button", name="提问").click()
    latest = page.locator("#latest")
    latest.wait_for()
    assert "没有找到确切答案" in latest.inner_text()
    assert latest.locator(".kb-answer").count() == 0
    page.screenshot(path=str(tmp_path / "2-not-found.png"), full_page=True)
    latest.get_by_role("button", name="转人工咨询").click()

    # 3. the consultation form, pre-filled with the question: complete it and submit
    page.wait_for_url("**/yhd/new/?*")
    assert page.locator("#id_ticket_type").input_value() == TicketType.CONSULTATION
    assert question[:20] in page.locator("#id_subject").input_value()
    assert question in page.locator("#id_content").input_value()
    page.locator("#id_contact_name").fill("李四")
    page.locator("#id_contact_phone").fill("13912345678")
    page.get_by_label("同意将诉求及答复经脱敏后公开").check()
    page.screenshot(path=str(tmp_path / "3-form.png"), full_page=True)
    page.get_by_role("button", name="提交诉求").click()
    page.wait_for_url("**/yhd/receipt/")
    code = page.locator("#tracking-code").inner_text().strip()
    secret = page.locator("#tracking-secret").inner_text().strip()
    assert code and secret
    page.screenshot(path=str(tmp_path / "4-receipt.png"), full_page=True)

    ticket = Ticket.objects.get(tracking_code=code)
    assert ticket.ticket_type == TicketType.CONSULTATION and ticket.state == State.RECEIVED
    assert ticket.content == question and ticket.contact_name == "李四"

    # 4. staff: the hotline centre dispatches, the unit signs, handles and replies
    centre, handler = Actor(staff["office"]), Actor(staff["handler"])
    ticket = ticket_dispatch(actor=centre, ticket=ticket, unit=units["finance"])
    ticket = ticket_sign(actor=handler, ticket=ticket)
    ticket = ticket_start(actor=handler, ticket=ticket)
    ticket_reply(actor=handler, ticket=ticket, reply_text="已通知路灯管理处，三个工作日内完成维修。")

    # 5. the citizen tracks it with code + password, reads the reply and rates it
    page.goto(live_server.url + "/yhd/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("查询密码").fill(secret)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/yhd/track/{code}/")
    assert page.locator("#ticket-state").inner_text() == State.REPLIED.label
    assert "三个工作日内完成维修" in page.locator(".reply").inner_text()
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_url(f"**/yhd/track/{code}/")
    assert "感谢您的评价" in page.locator("body").inner_text()
    page.screenshot(path=str(tmp_path / "5-rated.png"), full_page=True)
    ticket.refresh_from_db()
    assert ticket.rating == Rating.SATISFIED and ticket.consent_publish

    # 6. with the citizen's consent the hotline centre publishes the exchange through the privacy gate;
    # the portal shows it without any contact data
    ticket_publish_exchange(actor=centre, ticket=ticket)
    page.goto(live_server.url + "/yhd/track/")
    page.get_by_role("link", name="诉求及答复公开").click()
    page.wait_for_url("**/yhd/public/")
    page.get_by_role("link", name=ticket.subject).click()
    page.wait_for_url(f"**/yhd/public/{ticket.pk}/")
    shown = page.locator("main").inner_text()
    assert "三个工作日内完成维修" in shown and "路灯坏了" in shown
    for private in ("李四", "13912345678", code, secret):
        assert private not in shown
    page.screenshot(path=str(tmp_path / "6-published.png"), full_page=True)
