"""提议入库: a replied 咨询 becomes a draft entry of the replying unit, without personal data."""

from __future__ import annotations

import pytest

from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.interaction.choices import Channel, TicketType
from gongkai.interaction.services import (
    TicketInput,
    ticket_create,
    ticket_dispatch,
    ticket_reply,
    ticket_sign,
    ticket_start,
)
from gongkai.knowledge.choices import EntryState
from gongkai.knowledge.services import entry_propose_from_ticket

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def make_ticket(staff, units, *, ticket_type=TicketType.CONSULTATION, reply=True):  # type: ignore[no-untyped-def]
    centre, handler = Actor(staff["office"]), Actor(staff["handler"])
    ticket = ticket_create(
        actor=centre,
        hotline_unit=units["city"],
        data=TicketInput(
            ticket_type=ticket_type,
            subject="灵活就业人员怎么交社保",
            content=f"我叫王小明，电话{PHONE}，住在姑苏区平江路88号3幢201室。我是自由职业者，想知道怎么交社保？",
            channel=Channel.PHONE,
            contact_name="王小明",
            contact_phone=PHONE,
        ),
    ).ticket
    ticket = ticket_dispatch(actor=centre, ticket=ticket, unit=units["finance"])
    ticket = ticket_sign(actor=handler, ticket=ticket)
    ticket = ticket_start(actor=handler, ticket=ticket)
    if reply:
        ticket = ticket_reply(
            actor=handler,
            ticket=ticket,
            reply_text=f"王小明您好：\n灵活就业人员可携带身份证到社保经办窗口办理参保登记。\n如有疑问请回拨{PHONE}。",
        )
    return ticket


def test_proposal_masks_personal_data(clock, staff, units) -> None:
    ticket = make_ticket(staff, units)
    entry = entry_propose_from_ticket(ticket=ticket, actor=Actor(staff["handler"]))
    assert entry.state == EntryState.DRAFT and entry.unit == units["finance"]
    assert entry.source_ticket == ticket
    v = entry.current_version
    stored = " ".join([v.question, *v.phrasings, v.answer_html, v.answer_text, v.note])
    assert "王小明" not in stored and PHONE not in stored and "88号" not in stored
    assert "社保经办窗口" in v.answer_text and v.question == "灵活就业人员怎么交社保"
    row = AuditEvent.objects.get(action="knowledge.propose")
    assert "王小明" not in str(row.changes) + row.note + row.object_label
    assert PHONE not in str(row.changes) + row.note
    with pytest.raises(IllegalTransition, match="已提议"):
        entry_propose_from_ticket(ticket=ticket, actor=Actor(staff["handler"]))


def test_only_replied_consultations_by_their_unit(clock, staff, units) -> None:
    with pytest.raises(IllegalTransition, match="尚未答复"):
        entry_propose_from_ticket(
            ticket=make_ticket(staff, units, reply=False), actor=Actor(staff["handler"])
        )
    with pytest.raises(InvalidInput, match="咨询"):
        entry_propose_from_ticket(
            ticket=make_ticket(staff, units, ticket_type=TicketType.COMPLAINT), actor=Actor(staff["handler"])
        )
    with pytest.raises(NotPermitted):
        entry_propose_from_ticket(ticket=make_ticket(staff, units), actor=Actor(staff["other_handler"]))
