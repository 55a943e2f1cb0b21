"""受理: creating a ticket. The plain query password is returned once and stored only as a hash.

Anonymity: 咨询, 建议, 表扬 and 举报 may be anonymous (a 举报 is often anonymous to protect the
reporter; the others need no answer addressed to a person — the citizen follows up with the tracking
code). 求助, 投诉 and 其他 need a name and a phone number, because the unit must reach the person to
help, to settle the complaint and for the return visit (回访).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.interaction import permissions
from gongkai.interaction.choices import Channel, State, TicketType, Urgency
from gongkai.interaction.constants import (
    MAX_SUBJECT_CHARS,
    TRACKING_CODE_ALPHABET,
    TRACKING_CODE_LENGTH,
    TRACKING_CODE_PREFIX,
)
from gongkai.interaction.models import Ticket
from gongkai.interaction.selectors import time_limit_for
from gongkai.interaction.services.common import record, text
from gongkai.units.models import Unit

ANONYMOUS_ALLOWED: frozenset[str] = frozenset(
    {TicketType.CONSULTATION, TicketType.SUGGESTION, TicketType.PRAISE, TicketType.REPORT}
)
_PHONE = re.compile(r"^[0-9+()\-\s]{7,30}$")


@dataclass(frozen=True)
class TicketInput:
    ticket_type: str
    subject: str
    content: str
    channel: str
    urgency: str = Urgency.NORMAL
    place: str = ""
    anonymous: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    consent_publish: bool = False


@dataclass(frozen=True)
class CreatedTicket:
    ticket: Ticket
    secret: str  # shown to the citizen once


def hash_secret(secret: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def secret_matches(ticket: Ticket, secret: str) -> bool:
    return hmac.compare_digest(ticket.secret_hash, hash_secret(secret or ""))


def _new_code() -> str:
    while True:
        body = "".join(secrets.choice(TRACKING_CODE_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))
        code = TRACKING_CODE_PREFIX + body
        if not Ticket.objects.filter(tracking_code=code).exists():
            return code


def validate_ticket_input(data: TicketInput) -> dict[str, object]:
    if data.ticket_type not in TicketType.values:
        raise InvalidInput("请选择诉求类型。", field="ticket_type")
    if data.urgency not in Urgency.values:
        raise InvalidInput("请选择紧急程度。", field="urgency")
    if data.channel not in Channel.values:
        raise InvalidInput("请选择来源渠道。", field="channel")
    name = text(data.contact_name, "联系人", "contact_name", required=False, limit=50)
    phone = text(data.contact_phone, "联系电话", "contact_phone", required=False, limit=30)
    email = text(data.contact_email, "电子邮箱", "contact_email", required=False, limit=254)
    if data.anonymous:
        if data.ticket_type not in ANONYMOUS_ALLOWED:
            kind = TicketType(data.ticket_type).label
            raise InvalidInput(f"“{kind}”类诉求需要留下联系人和联系电话，不能匿名。", field="anonymous")
        name = phone = email = ""
    else:
        if not name:
            raise InvalidInput("请填写联系人。", field="contact_name")
        if not phone:
            raise InvalidInput("请填写联系电话。", field="contact_phone")
    if phone and not _PHONE.match(phone):
        raise InvalidInput("联系电话格式不正确。", field="contact_phone")
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise InvalidInput("电子邮箱格式不正确。", field="contact_email") from exc
    return {
        "ticket_type": data.ticket_type,
        "urgency": data.urgency,
        "channel": data.channel,
        "subject": text(data.subject, "标题", "subject", limit=MAX_SUBJECT_CHARS),
        "content": text(data.content, "诉求内容", "content"),
        "place": text(data.place, "事发地点", "place", required=False, limit=200),
        "anonymous": data.anonymous,
        "contact_name": name,
        "contact_phone": phone,
        "contact_email": email,
        "consent_publish": data.consent_publish,
    }


@transaction.atomic
def ticket_create(
    *, actor: Actor, hotline_unit: Unit, data: TicketInput, clock: Clock | None = None
) -> CreatedTicket:
    """Receive (受理) a ticket at the hotline unit; returns the ticket and its one-time query password."""
    clock = clock or get_clock()
    if actor.user is not None and not permissions.can_receive(actor.user, hotline_unit):
        raise NotPermitted(f"您无权以“{hotline_unit.name}”的名义受理诉求。")
    fields = validate_ticket_input(data)
    secret = secrets.token_urlsafe(9)
    now = clock.now()
    ticket = Ticket.objects.create(
        tracking_code=_new_code(),
        secret_hash=hash_secret(secret),
        hotline_unit=hotline_unit,
        state=State.RECEIVED,
        time_limit_working_days=time_limit_for(data.ticket_type, data.urgency),
        created_at=now,
        created_by=actor.user,
        updated_at=now,
        **fields,  # type: ignore[arg-type]
    )
    record(
        actor=actor,
        action="create",
        ticket=ticket,
        clock=clock,
        changes={
            "state": [None, State.RECEIVED],
            "ticket_type": ticket.ticket_type,
            "urgency": ticket.urgency,
            "channel": ticket.channel,
            "time_limit_working_days": ticket.time_limit_working_days,
        },
    )
    return CreatedTicket(ticket=ticket, secret=secret)
