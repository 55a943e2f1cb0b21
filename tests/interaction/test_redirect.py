"""转依申请公开: a ticket becomes a 依申请公开 request of the same citizen and is closed, all or nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.disclosure.choices import Channel as DisclosureChannel
from gongkai.disclosure.choices import State as DisclosureState
from gongkai.disclosure.models import DisclosureRequest
from gongkai.interaction.choices import ClockEventKind, State, TicketType
from gongkai.interaction.models import Ticket, TicketClockEvent
from gongkai.interaction.services import ticket_convert_to_disclosure

pytestmark = pytest.mark.django_db

SUBJECT = "申请公开2025年道路维修预算信息"
CONTENT = "我想申请公开本市2025年道路维修项目的预算信息，请提供电子版。"
NOTE = "所需为政府信息，按依申请公开办理。"


def _ticket(tickets, state: str = State.DISPATCHED) -> Ticket:  # type: ignore[no-untyped-def]
    t = tickets.in_state(state)
    Ticket.objects.filter(pk=t.pk).update(subject=SUBJECT, content=CONTENT)
    t.refresh_from_db()
    return t


def _counts() -> tuple[int, int, int]:
    return (DisclosureRequest.objects.count(), AuditEvent.objects.count(), TicketClockEvent.objects.count())


@pytest.mark.parametrize("state", [State.RECEIVED, State.DISPATCHED, State.RETURNED, State.HANDLING])
def test_conversion_files_one_request_and_closes_the_ticket(tickets, state) -> None:  # type: ignore[no-untyped-def]
    ticket = _ticket(tickets, state)
    done = ticket_convert_to_disclosure(actor=tickets.actor("office"), ticket=ticket, note=NOTE)

    case = DisclosureRequest.objects.get()
    assert done.request == case and done.secret
    assert case.applicant_name == "张三" and case.phone == "13800000000"
    assert case.description.startswith(CONTENT)
    assert f"一号答转入，诉求查询码：{ticket.tracking_code}" in case.description
    assert case.info_title == SUBJECT
    assert case.channel == DisclosureChannel.ONLINE and case.state == DisclosureState.RECEIVED
    assert case.addressee_unit == tickets.units["city"]

    ticket.refresh_from_db()
    assert ticket.state == State.CLOSED
    assert case.tracking_code in ticket.reply_text and NOTE in ticket.reply_text
    assert done.secret not in ticket.reply_text
    assert ticket.date_closed == ticket.date_replied == tickets.clock.today()
    kinds = list(ticket.clock_events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == [] if state == State.RECEIVED else kinds[-1] == ClockEventKind.STOP


def test_audit_row_has_codes_but_no_contact_data(tickets) -> None:  # type: ignore[no-untyped-def]
    ticket = _ticket(tickets)
    done = ticket_convert_to_disclosure(actor=tickets.actor("office"), ticket=ticket, note=NOTE)
    row = AuditEvent.objects.get(action="interaction.convert_disclosure")
    text = json.dumps(row.changes, ensure_ascii=False, default=str) + row.note + row.object_label
    assert done.request.tracking_code in text and row.changes["state"] == [State.DISPATCHED, State.CLOSED]
    assert "13800000000" not in text and "张三" not in text
    for event in AuditEvent.objects.all():
        assert "13800000000" not in json.dumps(event.changes, ensure_ascii=False, default=str) + event.note


def test_anonymous_ticket_is_refused(tickets) -> None:  # type: ignore[no-untyped-def]
    ticket = tickets.create(
        ticket_type=TicketType.CONSULTATION,
        anonymous=True,
        contact_name="",
        contact_phone="",
        content=CONTENT,
    )
    before = _counts()
    with pytest.raises(InvalidInput, match="匿名诉求"):
        ticket_convert_to_disclosure(actor=tickets.actor("office"), ticket=ticket, note=NOTE)
    assert _counts() == before
    ticket.refresh_from_db()
    assert ticket.state == State.RECEIVED and not ticket.reply_text


@pytest.mark.parametrize("state", [State.REPLIED, State.CLOSED])
def test_replied_ticket_is_refused(tickets, state) -> None:  # type: ignore[no-untyped-def]
    ticket = _ticket(tickets, state)
    before = _counts()
    with pytest.raises(IllegalTransition):
        ticket_convert_to_disclosure(actor=tickets.actor("office"), ticket=ticket, note=NOTE)
    assert _counts() == before
    assert Ticket.objects.get(pk=ticket.pk).state == state


def test_handler_of_the_unit_is_refused(tickets) -> None:  # type: ignore[no-untyped-def]
    ticket = _ticket(tickets, State.HANDLING)
    before = _counts()
    with pytest.raises(NotPermitted):
        ticket_convert_to_disclosure(actor=tickets.actor("handler"), ticket=ticket, note=NOTE)
    assert _counts() == before
    assert Ticket.objects.get(pk=ticket.pk).state == State.HANDLING


def test_error_in_the_disclosure_service_changes_nothing(tickets) -> None:  # type: ignore[no-untyped-def]
    ticket = _ticket(tickets)
    Ticket.objects.filter(pk=ticket.pk).update(contact_phone="不是电话")
    ticket.refresh_from_db()
    before, version = _counts(), ticket.version
    with pytest.raises(InvalidInput):
        ticket_convert_to_disclosure(actor=tickets.actor("office"), ticket=ticket, note=NOTE)
    assert _counts() == before
    ticket.refresh_from_db()
    assert ticket.state == State.DISPATCHED and not ticket.reply_text and ticket.version == version


def test_note_is_required(tickets) -> None:  # type: ignore[no-untyped-def]
    ticket = _ticket(tickets)
    with pytest.raises(InvalidInput):
        ticket_convert_to_disclosure(actor=tickets.actor("office"), ticket=ticket, note="  ")
    assert DisclosureRequest.objects.count() == 0


def _client(tickets, key: str) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(tickets.staff[key], backend="django.contrib.auth.backends.ModelBackend")
    return c


def test_page_button_and_view(tickets) -> None:  # type: ignore[no-untyped-def]
    plain = tickets.in_state(State.DISPATCHED)
    office = _client(tickets, "office")
    assert "convert-disclosure" not in office.get(f"/workbench/tickets/{plain.pk}/").content.decode()
    ticket = _ticket(tickets)
    page = office.get(f"/workbench/tickets/{ticket.pk}/").content.decode()
    assert 'id="convert-disclosure"' in page
    handler_page = _client(tickets, "handler").get(f"/workbench/tickets/{ticket.pk}/").content.decode()
    assert "convert-disclosure" not in handler_page
    url = f"/workbench/tickets/{ticket.pk}/redirect/disclosure/"
    assert _client(tickets, "handler").post(url, {"version": ticket.version, "note": NOTE}).status_code == 403
    r = office.post(url, {"version": ticket.version, "note": NOTE}, follow=True)
    case = DisclosureRequest.objects.get()
    body = r.content.decode()
    assert case.tracking_code in body and "仅显示这一次" in body
    assert Ticket.objects.get(pk=ticket.pk).state == State.CLOSED
    # a stale form (old version) files nothing more
    office.post(url, {"version": ticket.version, "note": NOTE})
    assert DisclosureRequest.objects.count() == 1
