"""Public API of 依申请公开 (no login), mounted at ``/api/v1/disclosure``.

- ``POST /requests`` files an application online (the same rules and limits as the web form; an
  optional ``Idempotency-Key`` header makes a retried call file nothing twice).
- ``GET /requests/{code}`` answers the state of one's own application; the query password goes in the
  ``X-Query-Secret`` header (never in the URL). A wrong pair gets ``404 编号或查询码不正确`` and
  failures are limited per client address and per code.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Header, Router, Schema, Status

from gongkai.api.schemas import answers
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotFound
from gongkai.disclosure.choices import State
from gongkai.disclosure.models import DisclosureRequest, Letter, LetterState
from gongkai.disclosure.public_views import plain_status
from gongkai.disclosure.selectors import request_clock
from gongkai.disclosure.services.intake import RequestInput
from gongkai.disclosure.services.public import (
    WRONG_PAIR,
    accepting_units,
    request_file_online,
    request_lookup,
)

router = Router(tags=["依申请公开（公众）"])


class ApplicationIn(Schema):
    applicant_kind: str = Field(description="natural_person 自然人 / organisation 法人或其他组织")
    org_kind: str = Field(
        "", description="法人或其他组织类别：commercial / research / public_welfare / legal_service / other"
    )
    applicant_name: str = Field(max_length=100)
    contact_person: str = Field("", max_length=50)
    id_type: str = Field(
        description="resident_id / uscc / passport / hk_macao_permit / taiwan_permit / "
        "residence_permit / other",
    )
    id_number: str = Field(max_length=40)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=200)
    postcode: str = Field("", max_length=6)
    info_title: str = Field("", max_length=300)
    doc_number: str = Field("", max_length=60)
    description: str = Field("", max_length=5000)
    medium: str = Field(description="paper 纸质文本 / electronic 电子数据")
    delivery: str = Field(description="post / email / online / pickup / on_site")
    addressee_unit: str = Field(description="受理机关的机构代码（见 /api/v1/units）", max_length=18)


class FiledOut(Schema):
    tracking_code: str
    secret: str = Field(description="查询码：只返回这一次，请妥善保存")
    state: str
    state_label: str
    addressee_unit: str
    date_arrived: dt.date


class LetterOut(Schema):
    id: int
    kind: str
    title: str
    date: dt.date


class StatusOut(Schema):
    tracking_code: str
    state: str
    state_label: str
    status: list[str] = Field(description="办理状态的文字说明")
    addressee_unit: str
    date_arrived: dt.date
    date_received: dt.date | None
    date_reply_due: dt.date | None
    working_days_left: int | None
    correction_items: str
    reply: str
    date_replied: dt.date | None
    letters: list[LetterOut]


@router.post("/requests", response=answers(FiledOut, 201), summary="在线提交政府信息公开申请")
def file_request(
    request: HttpRequest,
    payload: ApplicationIn,
    idempotency_key: str = Header("", alias="Idempotency-Key", max_length=100),  # type: ignore[call-overload]
) -> Status[FiledOut]:
    unit = accepting_units().filter(code=payload.addressee_unit.strip()).first()
    if unit is None:
        raise InvalidInput("请选择受理机关。", field="addressee_unit")
    data = payload.dict()
    fields = {k: data[k] for k in RequestInput.__dataclass_fields__}
    # a repeated Idempotency-Key answers 409 (DuplicateSubmission) naming the code already filed
    created = request_file_online(
        actor=Actor.from_request(request),
        data=RequestInput(**fields),
        addressee_unit=unit,
        form_token=f"api:{idempotency_key}" if idempotency_key else "",
    )
    case = created.request
    return Status(
        201,
        FiledOut(
            tracking_code=case.tracking_code,
            secret=created.secret,
            state=case.state,
            state_label=case.get_state_display(),  # type: ignore[attr-defined]
            addressee_unit=unit.name,
            date_arrived=case.date_arrived,
        ),
    )


@router.get("/requests/{code}", response=answers(StatusOut), summary="查询申请办理进度")
def request_status(
    request: HttpRequest,
    code: str,
    x_query_secret: str = Header("", alias="X-Query-Secret", max_length=100),  # type: ignore[call-overload]
) -> StatusOut:
    try:
        case = request_lookup(tracking_code=code, secret=x_query_secret, ip=Actor.from_request(request).ip)
    except InvalidInput as exc:
        raise NotFound(WRONG_PAIR) from exc
    return _status(case)


def _status(case: DisclosureRequest) -> StatusOut:
    clock = request_clock(case)
    letters = [
        LetterOut(id=letter.pk, kind=letter.kind, title=letter.current.title, date=letter.current.date)
        for letter in Letter.objects.filter(request=case, state=LetterState.SENT).order_by("sent_at", "id")
        if letter.addressed_to_applicant
    ]
    ended = case.state in {State.REPLIED, State.CLOSED}
    return StatusOut(
        tracking_code=case.tracking_code,
        state=case.state,
        state_label=case.get_state_display(),  # type: ignore[attr-defined]
        status=plain_status(case, clock),
        addressee_unit=case.addressee_unit.name,
        date_arrived=case.date_arrived,
        date_received=case.date_received,
        date_reply_due=clock.reply_due.date if clock.reply_due and not ended else None,
        working_days_left=clock.working_days_left if not ended else None,
        correction_items=case.correction_items if case.state == State.CORRECTION_REQUESTED else "",
        reply=case.reply_label,
        date_replied=case.date_replied,
        letters=letters,
    )
