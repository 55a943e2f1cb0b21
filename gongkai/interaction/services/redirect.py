"""分流: a ticket that is really a 政府信息公开申请 becomes one in the 依申请公开 system.

``ticket_convert_to_disclosure`` files the request through the disclosure app's own
``request_create`` (so every rule of that app applies: validation, permission, audit) and closes the
ticket with a reply that tells the citizen the request's tracking code — one transaction, so either
both happen or neither.

What a ticket cannot supply (stated in the reply and in the README):

- **Identity proof** (art. 29 ¶2 (1)): a ticket has no ID number. The request is filed as
  ``IdType.OTHER`` with the ticket's tracking code as the number and left in ``received`` (an online
  request waits for the office to confirm receipt, art. 31), so the office checks the identity — or
  issues a 补正 notice — before registering it. Fee counting per applicant (``applicant_key``) therefore
  sees each converted request as a new applicant until the identity is corrected.
- **Medium / delivery**: electronic; by e-mail when the ticket has an address, else 网上获取.
- **Channel**: the disclosure app has no hotline channel; the request is 网上申请 and its description
  ends with "（一号答转入，诉求查询码：…）".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.disclosure.choices import ApplicantKind, Delivery, IdType, Medium
from gongkai.disclosure.choices import Channel as DisclosureChannel
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services.intake import RequestInput, request_create
from gongkai.disclosure.services.public import ACCEPTING_KINDS
from gongkai.interaction.choices import ClockEventKind, State
from gongkai.interaction.models import Ticket
from gongkai.interaction.services.common import (
    add_clock_event,
    locked,
    reason,
    require_dispatch,
    require_transition,
    transition,
)
from gongkai.units.models import Unit

SOURCE_NOTE = "一号答转入"


@dataclass(frozen=True)
class ConvertedTicket:
    """The closed ticket, the new request and its query password (shown once, stored only as a hash)."""

    ticket: Ticket
    request: DisclosureRequest
    secret: str


def disclosure_addressee(ticket: Ticket) -> Unit:
    """The organ the request is addressed to: the hotline unit, or the nearest government / department
    above it (art. 27: only governments and their departments accept requests)."""
    unit: Unit | None = ticket.hotline_unit
    while unit is not None:
        if unit.kind in ACCEPTING_KINDS and unit.is_active:
            return unit
        unit = unit.parent
    raise InvalidInput(
        f"受理单位“{ticket.hotline_unit.name}”及其上级均不是政府信息公开的受理机关，不能转为依申请公开。"
    )


def _reply(ticket: Ticket, case: DisclosureRequest, note: str) -> str:
    return (
        f"您反映的事项属于政府信息公开申请，已于{case.date_arrived:%Y年%m月%d日}转为向“{case.addressee_unit.name}”"
        f"提出的政府信息公开申请（{SOURCE_NOTE}），本诉求同时办结。\n"
        f"申请查询码：{case.tracking_code}。查询密码由工作人员另行告知，请妥善保管；您可凭查询码和查询密码"
        "在本网站“依申请公开”栏目查询办理进度和答复。\n"
        "受理机关确认收到申请后，按《中华人民共和国政府信息公开条例》规定的期限答复。本诉求未登记身份证明，"
        "受理机关可能与您联系核实身份或请您补正。\n"
        f"说明：{note}"
    )


@transaction.atomic
def ticket_convert_to_disclosure(
    *, actor: Actor, ticket: Ticket, note: str, clock: Clock | None = None
) -> ConvertedTicket:
    """转依申请公开: a ticket not yet replied becomes a 依申请公开 request of the same citizen and is
    closed with a reply naming the request's tracking code. Hotline centre only; not for anonymous
    tickets (a request needs the applicant's name and contact). Audited ``interaction.convert_disclosure``
    (codes and labels only, never contact data); the request is audited by the disclosure app."""
    clock = clock or get_clock()
    ticket = locked(ticket)
    require_transition(ticket, "convert_disclosure", "转为依申请公开")
    require_dispatch(actor, ticket)
    why = reason(note, "转依申请公开说明", "note")
    if ticket.anonymous or not ticket.contact_name.strip():
        raise InvalidInput(
            "匿名诉求没有申请人姓名和联系方式，不能转为依申请公开；请告知群众自行提出政府信息公开申请。"
        )
    if not (ticket.contact_phone.strip() or ticket.contact_email.strip()):
        raise InvalidInput("该诉求没有联系电话或电子邮箱，不能转为依申请公开。")

    created = request_create(
        actor=actor,
        data=RequestInput(
            applicant_kind=ApplicantKind.NATURAL_PERSON,
            applicant_name=ticket.contact_name,
            id_type=IdType.OTHER,
            id_number=ticket.tracking_code,
            description=f"{ticket.content}\n\n（{SOURCE_NOTE}，诉求查询码：{ticket.tracking_code}）",
            info_title=ticket.subject,
            medium=Medium.ELECTRONIC,
            delivery=Delivery.EMAIL if ticket.contact_email.strip() else Delivery.ONLINE,
            phone=ticket.contact_phone,
            email=ticket.contact_email,
        ),
        addressee_unit=disclosure_addressee(ticket),
        channel=DisclosureChannel.ONLINE,
        clock=clock,
    )
    case = created.request
    events = list(ticket.clock_events.order_by("at", "id").values_list("kind", flat=True))
    if events and events[-1] != ClockEventKind.STOP:
        add_clock_event(ticket, ClockEventKind.STOP, actor=actor, clock=clock)
    today = clock.today()

    def apply(t: Ticket) -> None:
        t.reply_text, t.date_replied, t.date_closed = _reply(t, case, why), today, today
        t.return_visit_note = f"已转为依申请公开（查询码 {case.tracking_code}）。"

    transition(
        ticket,
        State.CLOSED,
        actor=actor,
        action="convert_disclosure",
        clock=clock,
        note=why,
        extra={"disclosure_request": case.pk, "disclosure_tracking_code": case.tracking_code},
        apply=apply,
    )
    return ConvertedTicket(ticket=ticket, request=case, secret=created.secret)
