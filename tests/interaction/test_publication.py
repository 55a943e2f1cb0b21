"""Publishing a ticket's exchange on the portal: consent, state, the hotline centre only, the privacy
gate (the citizen's name, phone and ID number are blocked until masked), the masked public pages,
withdrawal, a reopened ticket leaving the portal, and the audit trail."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from gongkai.core.errors import IllegalTransition, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.interaction.choices import State, TicketType
from gongkai.interaction.models import Ticket
from gongkai.interaction.services import (
    ticket_publish_exchange,
    ticket_reopen,
    ticket_reply,
    ticket_subject,
    ticket_unpublish_exchange,
)
from gongkai.privacy.models import PrivacyDecision
from gongkai.privacy.services import Choice, PrivacyReviewRequired, privacy_review_apply, privacy_review_open

pytestmark = pytest.mark.django_db

NAME = "张三丰"
PHONE = "13912345678"
PERSON_ID = "11010519491231002X"  # the sample of GB 11643
LEAKY_REPLY = f"经核实，{NAME}反映的情况属实，已联系{NAME}（电话{PHONE}，身份证号{PERSON_ID}），积水已排除。"
CLEAN_REPLY = "经核实，小区门口积水系排水管堵塞所致，已于6月14日疏通，积水已排除。"


def _replied(tickets: Any, *, reply: str = CLEAN_REPLY, consent: bool = True, **overrides: Any) -> Ticket:
    from gongkai.interaction.services import ticket_dispatch, ticket_sign, ticket_start

    centre, handler = tickets.actor("office"), tickets.actor("handler")
    t = tickets.create(consent_publish=consent, contact_name=NAME, contact_phone=PHONE, **overrides)
    t = ticket_dispatch(actor=centre, ticket=t, unit=tickets.units["finance"])
    t = ticket_sign(actor=handler, ticket=t)
    t = ticket_start(actor=handler, ticket=t)
    return ticket_reply(actor=handler, ticket=t, reply_text=reply)


def _staff(username: str) -> Client:
    from gongkai.accounts.models import User

    c = Client()
    c.force_login(User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend")
    return c


def _audit(ticket: Ticket, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_id=str(ticket.pk)).order_by("at", "id"))


def test_without_consent_publication_is_refused(tickets) -> None:  # type: ignore[no-untyped-def]
    t = _replied(tickets, consent=False)
    with pytest.raises(IllegalTransition, match="未同意公开"):
        ticket_publish_exchange(actor=tickets.actor("office"), ticket=t)
    t.refresh_from_db()
    assert t.published_at is None and _audit(t, "interaction.publish") == []


def test_not_yet_replied_is_refused(tickets) -> None:  # type: ignore[no-untyped-def]
    t = tickets.in_state(State.HANDLING)
    Ticket.objects.filter(pk=t.pk).update(consent_publish=True)
    t.refresh_from_db()
    with pytest.raises(IllegalTransition, match="答复后才能公开"):
        ticket_publish_exchange(actor=tickets.actor("office"), ticket=t)


def test_only_the_hotline_centre_publishes(tickets) -> None:  # type: ignore[no-untyped-def]
    t = _replied(tickets)
    for who in ("handler", "other_handler"):
        with pytest.raises(NotPermitted):
            ticket_publish_exchange(actor=tickets.actor(who), ticket=t)
    t = ticket_publish_exchange(actor=tickets.actor("office"), ticket=t)
    with pytest.raises(NotPermitted):
        ticket_unpublish_exchange(actor=tickets.actor("handler"), ticket=t)


def test_clean_exchange_is_published_and_withdrawn(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    t = _replied(tickets)
    t = ticket_publish_exchange(actor=tickets.actor("office"), ticket=t)
    assert t.published_at == clock.now() and t.published_by == tickets.staff["office"]
    assert (t.public_subject, t.public_content, t.public_reply) == (t.subject, t.content, t.reply_text)

    public = Client()
    listing = public.get("/yhd/public/").content.decode()
    assert t.subject in listing and f"/yhd/public/{t.pk}/" in listing
    detail = public.get(f"/yhd/public/{t.pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert CLEAN_REPLY in html and "苏州市财政局" in html
    for secret in (NAME, PHONE, t.tracking_code):
        assert secret not in html and secret not in listing

    (row,) = _audit(t, "interaction.publish")
    assert row.changes["findings"] == 0 and NAME not in str(row.changes) and PHONE not in str(row.changes)

    t = ticket_unpublish_exchange(actor=tickets.actor("office"), ticket=t, reason_text="群众撤回同意")
    assert t.published_at is None
    assert public.get(f"/yhd/public/{t.pk}/").status_code == 404
    assert t.subject not in public.get("/yhd/public/").content.decode()
    (row,) = _audit(t, "interaction.unpublish")
    assert row.note == "群众撤回同意"
    with pytest.raises(IllegalTransition, match="尚未公开"):
        ticket_unpublish_exchange(actor=tickets.actor("office"), ticket=t)


def test_personal_information_blocks_until_masked(tickets) -> None:  # type: ignore[no-untyped-def]
    t = _replied(tickets, reply=LEAKY_REPLY, content=f"我是{NAME}，平江路小区门口下雨后积水严重。")
    office = tickets.actor("office")
    with pytest.raises(PrivacyReviewRequired) as exc:
        ticket_publish_exchange(actor=office, ticket=t)
    assert exc.value.review_url == f"/workbench/tickets/{t.pk}/public/privacy/"
    assert "未处理的个人信息" in exc.value.message and exc.value.review_url in exc.value.message
    for secret in (NAME, PHONE, PERSON_ID):
        assert secret not in exc.value.message
    t.refresh_from_db()
    assert t.published_at is None

    # the reviewer accepts the proposed masking (the gate's review flow on the ticket subject)
    subject = ticket_subject(t)
    report = privacy_review_open(actor=office, subject=subject)
    found = {(f.label, f.text) for f in report.open_findings}
    assert {NAME, PHONE, PERSON_ID} <= {text for _, text in found}
    after = privacy_review_apply(
        actor=office,
        subject=subject,
        token=report.token,
        choices={f.index: Choice() for f in report.open_findings},
    )
    assert after.passed
    t.refresh_from_db()
    # the citizen's record is unchanged; the masking lives in the public drafts
    assert t.reply_text == LEAKY_REPLY and NAME in t.content
    assert NAME not in t.public_reply and PHONE not in t.public_reply and PERSON_ID not in t.public_reply

    t = ticket_publish_exchange(actor=office, ticket=t)
    html = Client().get(f"/yhd/public/{t.pk}/").content.decode()
    assert "积水已排除" in html
    for secret in (NAME, PHONE, PERSON_ID):
        assert secret not in html
    assert PrivacyDecision.objects.filter(review__subject_id=str(t.pk)).count() == len(report.open_findings)
    assert len(_audit(t, "privacy.view")) == 1 and len(_audit(t, "privacy.apply")) == 1
    (row,) = _audit(t, "interaction.publish")
    assert row.changes["findings"] == 0 and row.changes["kept"] == []
    assert row.changes["decisions"] == [["mask", len(report.open_findings)]]
    for secret in (NAME, PHONE, PERSON_ID):
        assert secret not in str(row.changes) and secret not in row.note


def test_override_with_reason_is_published_as_kept(tickets) -> None:  # type: ignore[no-untyped-def]
    t = _replied(tickets, reply=f"请与承办人联系，电话{PHONE}。")
    office = tickets.actor("office")
    subject = ticket_subject(t)
    report = privacy_review_open(actor=office, subject=subject)
    choices = {
        f.index: Choice(decision="keep", reason="单位办公电话，可以公开") for f in report.open_findings
    }
    assert choices
    privacy_review_apply(actor=office, subject=subject, token=report.token, choices=choices)
    t = ticket_publish_exchange(actor=office, ticket=Ticket.objects.get(pk=t.pk))
    assert PHONE in t.public_reply
    (row,) = _audit(t, "interaction.publish")
    assert row.changes["kept"]


def test_reopened_ticket_leaves_the_portal_until_published_again(tickets) -> None:  # type: ignore[no-untyped-def]
    office, handler = tickets.actor("office"), tickets.actor("handler")
    t = ticket_publish_exchange(actor=office, ticket=_replied(tickets))
    t = ticket_reopen(actor=office, ticket=t, reason="群众不满意")
    public = Client()
    assert public.get(f"/yhd/public/{t.pk}/").status_code == 404
    t = ticket_reply(actor=handler, ticket=t, reply_text=f"重新办理：已联系{NAME}，积水已彻底排除。")
    # the old public texts no longer match the exchange: not shown, and the new reply goes through the gate
    assert public.get(f"/yhd/public/{t.pk}/").status_code == 404
    assert t.subject not in public.get("/yhd/public/").content.decode()
    with pytest.raises(PrivacyReviewRequired):
        ticket_publish_exchange(actor=office, ticket=t)


def test_list_is_newest_first_and_filters_by_type(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    office = tickets.actor("office")
    first = ticket_publish_exchange(actor=office, ticket=_replied(tickets, subject="第一件投诉"))
    clock.advance(dt.timedelta(hours=1))
    second = ticket_publish_exchange(
        actor=office, ticket=_replied(tickets, subject="第二件建议", ticket_type=TicketType.SUGGESTION)
    )
    html = Client().get("/yhd/public/").content.decode()
    assert html.index(second.public_subject) < html.index(first.public_subject)
    only = Client().get("/yhd/public/?type=suggestion").content.decode()
    assert second.public_subject in only and first.public_subject not in only
    assert Client().get("/yhd/public/?type=nonsense").status_code == 200
    assert Client().get("/yhd/new/").content.decode().count('href="/yhd/public/"') == 1


def test_staff_pages(tickets) -> None:  # type: ignore[no-untyped-def]
    t = _replied(tickets, reply=LEAKY_REPLY)
    centre = _staff("office")
    page = centre.get(f"/workbench/tickets/{t.pk}/").content.decode()
    assert "公开此诉求及答复" in page
    assert "公开此诉求及答复" not in _staff("handler").get(f"/workbench/tickets/{t.pk}/").content.decode()
    assert _staff("handler").post(f"/workbench/tickets/{t.pk}/public/publish/").status_code == 403

    # refused by the gate: sent to the review page, which highlights the findings in context
    r = centre.post(f"/workbench/tickets/{t.pk}/public/publish/")
    assert r.status_code == 302 and r["Location"] == f"/workbench/tickets/{t.pk}/public/privacy/"
    review = centre.get(r["Location"]).content.decode()
    assert "待处理的个人信息" in review and f"<mark>{PHONE}</mark>" in review
    token = re.search(r'name="token" value="([^"]+)"', review).group(1)  # type: ignore[union-attr]
    r = centre.post(f"/workbench/tickets/{t.pk}/public/privacy/", {"token": token})
    assert r.status_code == 302
    assert "核对通过" in centre.get(r["Location"]).content.decode()
    r = centre.post(f"/workbench/tickets/{t.pk}/public/publish/")
    assert r.status_code == 302 and r["Location"] == f"/workbench/tickets/{t.pk}/"
    page = centre.get(r["Location"]).content.decode()
    assert "撤回公开" in page and f"/yhd/public/{t.pk}/" in page
    public = Client().get(f"/yhd/public/{t.pk}/").content.decode()
    assert PHONE not in public and PERSON_ID not in public and NAME not in public
    r = centre.post(f"/workbench/tickets/{t.pk}/public/withdraw/", {"reason": ""})
    assert r.status_code == 302 and Client().get(f"/yhd/public/{t.pk}/").status_code == 404
