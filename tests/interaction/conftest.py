"""一号答 fixtures: a fast password hasher and tickets built through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from gongkai.core.clock import FrozenClock
from gongkai.core.context import Actor
from gongkai.interaction.choices import Channel, Rating, State, TicketType, Urgency
from gongkai.interaction.models import Ticket
from gongkai.interaction.services import (
    TicketInput,
    ticket_create,
    ticket_dispatch,
    ticket_rate,
    ticket_reopen,
    ticket_reply,
    ticket_return,
    ticket_sign,
    ticket_start,
)

CST = dt.timezone(dt.timedelta(hours=8))


def at(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, hour, tzinfo=CST)


@pytest.fixture(autouse=True)
def _fast(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class TicketFactory:
    clock: FrozenClock
    staff: dict[str, Any]
    units: dict[str, Any]

    def actor(self, key: str) -> Actor:
        return Actor(user=self.staff[key])

    def data(self, **overrides: Any) -> TicketInput:
        fields: dict[str, Any] = {
            "ticket_type": TicketType.COMPLAINT,
            "subject": "小区门口道路积水",
            "content": "平江路小区门口下雨后积水严重，请尽快处理。",
            "channel": Channel.PHONE,
            "urgency": Urgency.NORMAL,
            "contact_name": "张三",
            "contact_phone": "13800000000",
        }
        fields.update(overrides)
        return TicketInput(**fields)

    def create(self, **overrides: Any) -> Ticket:
        return ticket_create(
            actor=self.actor("office"), hotline_unit=self.units["city"], data=self.data(**overrides)
        ).ticket

    def in_state(self, state: str) -> Ticket:
        centre, handler = self.actor("office"), self.actor("handler")
        t = self.create()
        if state == State.RECEIVED:
            return t
        t = ticket_dispatch(actor=centre, ticket=t, unit=self.units["finance"])
        if state == State.DISPATCHED:
            return t
        if state == State.RETURNED:
            return ticket_return(actor=handler, ticket=t, reason="不属于本单位职责")
        t = ticket_sign(actor=handler, ticket=t)
        if state == State.SIGNED:
            return t
        t = ticket_start(actor=handler, ticket=t)
        if state == State.HANDLING:
            return t
        t = ticket_reply(actor=handler, ticket=t, reply_text="已协调处理。")
        if state == State.REPLIED:
            return t
        t = ticket_rate(actor=centre, ticket=t, rating=Rating.SATISFIED)
        from gongkai.interaction.services import ticket_close

        assert state == State.CLOSED
        return ticket_close(actor=centre, ticket=t, visit_note="电话回访，群众满意。")

    def reopened(self) -> Ticket:
        t = self.in_state(State.REPLIED)
        return ticket_reopen(actor=self.actor("office"), ticket=t, reason="群众不满意")


@pytest.fixture
def tickets(clock, staff, units) -> TicketFactory:  # type: ignore[no-untyped-def]
    return TicketFactory(clock=clock, staff=staff, units=units)
