"""Cases built through the services, walked to any state, so fixtures obey the rules."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, replace
from typing import Any

from gongkai.core.clock import CHINA_TZ, FrozenClock
from gongkai.core.context import Actor
from gongkai.disclosure.choices import (
    ApplicantKind,
    Channel,
    Delivery,
    FeeMethod,
    IdType,
    Medium,
    OrgKind,
    PauseCause,
    State,
)
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services import (
    RequestInput,
    request_assign,
    request_close,
    request_consultation_start,
    request_correction_notice,
    request_create,
    request_fee_notice,
    request_reply,
    request_start_handling,
)
from gongkai.privacy.checksums import id_check_char, uscc_check_char

PERSON_ID = "11010519491231002X"  # the sample of GB 11643 (disclosure-rules.md §4.2)


def person_id(serial: int) -> str:
    first17 = f"32050119800101{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def uscc(serial: int) -> str:
    first17 = f"91320500MA{serial % 10_000_000:07d}"
    return first17 + uscc_check_char(first17)


def person_input(**overrides: Any) -> RequestInput:
    values: dict[str, Any] = {
        "applicant_kind": ApplicantKind.NATURAL_PERSON,
        "applicant_name": "张三",
        "id_type": IdType.RESIDENT_ID,
        "id_number": PERSON_ID,
        "phone": "13912345678",
        "email": "zhangsan@example.com",
        "address": "苏州市姑苏区人民路1号",
        "description": "请公开2025年苏州市财政局部门预算执行情况及“三公”经费明细。",
        "medium": Medium.ELECTRONIC,
        "delivery": Delivery.EMAIL,
    }
    values.update(overrides)
    return RequestInput(**values)


def organisation_input(**overrides: Any) -> RequestInput:
    values: dict[str, Any] = {
        "applicant_kind": ApplicantKind.ORGANISATION,
        "org_kind": OrgKind.LEGAL_SERVICE,
        "applicant_name": "江苏某某律师事务所",
        "contact_person": "李四",
        "id_type": IdType.USCC,
        "id_number": uscc(1),
        "phone": "0512-65000000",
        "address": "苏州市工业园区星湖街1号",
        "description": "请公开某地块征收补偿安置方案的批准文件。",
        "medium": Medium.PAPER,
        "delivery": Delivery.POST,
    }
    values.update(overrides)
    return RequestInput(**values)


_serial = itertools.count(1)


@dataclass
class CaseFactory:
    clock: FrozenClock
    staff: dict[str, Any]
    units: dict[str, Any]

    def actor(self, key: str) -> Actor:
        return Actor(self.staff[key], ip="192.0.2.1")

    def registered(self, *, data: RequestInput | None = None, **kw: Any) -> DisclosureRequest:
        """An in-person application to the city government, registered by the openness office today."""
        today = self.clock.today()
        created = request_create(
            actor=kw.pop("actor", self.actor("office")),
            data=data or person_input(),
            addressee_unit=kw.pop("unit", self.units["city"]),
            channel=kw.pop("channel", Channel.IN_PERSON),
            date_arrived=kw.pop("date_arrived", today),
            date_received=kw.pop("date_received", today),
        )
        assert not kw, kw
        return created.request

    def in_state(self, state: str, **kw: Any) -> DisclosureRequest:
        """A case walked through the services to ``state`` (assigned to the finance bureau)."""
        office = self.actor("office")
        handler = self.actor("handler")
        if state == State.RECEIVED:
            return request_create(
                actor=Actor.system(),
                data=kw.get("data") or person_input(),
                addressee_unit=self.units["city"],
                channel=Channel.ONLINE,
            ).request
        case = self.registered(**kw)
        if state == State.REGISTERED:
            return case
        if state in {State.CORRECTION_REQUESTED, State.CORRECTED, State.DEEMED_WITHDRAWN}:
            from gongkai.disclosure.services import request_correction_receive, request_deem_withdrawn

            case = request_correction_notice(actor=office, case=case, items="请写明所需信息的年份。")
            if state == State.CORRECTION_REQUESTED:
                return case
            if state == State.CORRECTED:
                return request_correction_receive(
                    actor=office, case=case, date_corrected=self.clock.today(), corrected_text="2025年度"
                )
            self.clock.advance(dt.timedelta(days=40))
            return request_deem_withdrawn(actor=office, case=case)
        case = request_assign(
            actor=office, case=case, unit=self.units["finance"], handler=self.staff["handler"]
        )
        if state == State.ASSIGNED:
            return case
        case = request_start_handling(actor=handler, case=case)
        if state == State.IN_HANDLING:
            return case
        if state == State.CONSULTATION:
            return request_consultation_start(
                actor=handler,
                case=case,
                cause=PauseCause.THIRD_PARTY,
                party="苏州某某建设有限公司",
                reason="所涉信息可能损害第三方商业秘密",
            )
        if state in {State.FEE_NOTICE, State.FEE_ABANDONED}:
            case = request_fee_notice(
                actor=handler,
                case=case,
                method=FeeMethod.PER_PAGE,
                pages=150,
                reason="申请页数明显超过合理范围",
            )
            if state == State.FEE_NOTICE:
                return case
            from gongkai.disclosure.services import request_fee_abandon

            self.clock.advance(dt.timedelta(days=40))
            return request_fee_abandon(actor=handler, case=case)
        case = request_reply(
            actor=handler, case=case, reply_type="disclose", reply_text="经查，现将所申请的信息提供给您。"
        )
        if state == State.REPLIED:
            return case
        return request_close(actor=handler, case=case)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=CHINA_TZ)


def with_id(data: RequestInput, number: str) -> RequestInput:
    return replace(data, id_number=number)
