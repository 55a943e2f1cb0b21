"""Staff API of 依申请公开 (django-ninja router), mounted by the lead under ``/api/v1/staff/disclosure``.

Every endpoint calls the same selector or service as the workbench page, with the same permissions;
errors come back as ``{"detail": "中文说明", "errors": {...}}`` through the API's error handlers. Each
write carries the ``version`` the caller last saw: a stale copy is refused with 409.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from gongkai.accounts.models import User
from gongkai.api.auth import request_user, staff_auth, writer_actor
from gongkai.api.schemas import answers
from gongkai.core.clock import get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.disclosure.choices import ApplicantKind, State
from gongkai.disclosure.clock import CaseClock
from gongkai.disclosure.models import Appeal, DisclosureRequest
from gongkai.disclosure.selectors import (
    DAYS_LEFT_FILTERS,
    StaffFilters,
    request_appeals,
    request_clock,
    request_clock_history,
    request_get_for_staff,
    request_list_for_staff,
    request_personal_data,
    request_rows_with_clock,
)
from gongkai.disclosure.services import (
    RequestInput,
    appeal_decide,
    appeal_record,
    request_assign,
    request_assign_bulk,
    request_close,
    request_consultation_finish,
    request_consultation_start,
    request_correction_notice,
    request_correction_receive,
    request_create,
    request_deem_withdrawn,
    request_extend,
    request_fee_abandon,
    request_fee_notice,
    request_fee_paid,
    request_register,
    request_reply,
    request_start_handling,
)
from gongkai.documents.selectors import staff_units
from gongkai.units.models import Unit

router = Router(tags=["依申请公开"], auth=staff_auth)

MAX_PAGE_SIZE = 100


# --- output ---------------------------------------------------------------------------------------


class ClockOut(Schema):
    phase: str
    phase_label: str
    date_first_received: dt.date | None
    date_start: dt.date | None
    date_reply_due: dt.date | None
    working_days_left: int | None
    overdue: bool
    at_risk: bool
    extension_working_days: int
    paused_working_days: int
    date_correction_due: dt.date | None
    date_party_due: dt.date | None
    certain: bool
    uncertain_years: list[int]

    @classmethod
    def of(cls, c: CaseClock) -> ClockOut:
        return cls(
            phase=c.phase,
            phase_label=c.phase_label,
            date_first_received=c.date_first_received,
            date_start=c.date_start,
            date_reply_due=c.reply_due.date if c.reply_due else None,
            working_days_left=c.working_days_left,
            overdue=c.overdue,
            at_risk=c.at_risk,
            extension_working_days=c.extension_working_days,
            paused_working_days=c.paused_working_days,
            date_correction_due=c.correction_due.date if c.correction_due else None,
            date_party_due=c.party_due.date if c.party_due else None,
            certain=c.certain,
            uncertain_years=list(c.uncertain_years),
        )


class CaseSummaryOut(Schema):
    id: int
    tracking_code: str
    state: str
    state_label: str
    version: int
    applicant_kind: str
    org_kind: str
    applicant_column: str
    channel: str
    date_arrived: dt.date
    date_received: dt.date | None
    addressee_unit: str
    handling_unit: str
    assigned_handler: str
    info_title: str
    clock: ClockOut

    @classmethod
    def of(cls, case: DisclosureRequest, clock: CaseClock) -> CaseSummaryOut:
        return cls(
            id=case.pk,
            tracking_code=case.tracking_code,
            state=case.state,
            state_label=case.get_state_display(),  # type: ignore[attr-defined]
            version=case.version,
            applicant_kind=case.applicant_kind,
            org_kind=case.org_kind,
            applicant_column=case.applicant_column,
            channel=case.channel,
            date_arrived=case.date_arrived,
            date_received=case.date_received,
            addressee_unit=case.addressee_unit.code,
            handling_unit=case.handling_unit.code,
            assigned_handler=case.assigned_handler.username if case.assigned_handler else "",
            info_title=case.info_title,
            clock=ClockOut.of(clock),
        )


class ApplicantOut(Schema):
    applicant_name: str
    contact_person: str
    id_type: str
    id_number: str
    phone: str
    email: str
    address: str
    postcode: str


class ClockEventOut(Schema):
    kind: str
    cause: str
    date: dt.date
    date_party_received: dt.date | None
    working_days: int
    party: str
    reason: str
    approved_by: str
    by: str
    at: dt.datetime


class AppealOut(Schema):
    id: int
    kind: str
    authority: str
    date_filed: dt.date
    outcome: str
    date_decided: dt.date | None

    @classmethod
    def of(cls, a: Appeal) -> AppealOut:
        return cls(
            id=a.pk,
            kind=a.kind,
            authority=a.authority,
            date_filed=a.date_filed,
            outcome=a.outcome,
            date_decided=a.date_decided,
        )


class CaseOut(CaseSummaryOut):
    applicant: ApplicantOut | None = Field(
        None, description="申请人个人信息，仅承办单位和公开办可见（每次查看均记录）"
    )
    doc_number: str
    description: str
    medium: str
    delivery: str
    correction_items: str
    corrected_text: str
    reply_type: str
    reply_reason: str
    reply_label: str
    reply_text: str
    date_replied: dt.date | None
    fee_method: str
    fee_amount_fen: int
    date_fee_paid: dt.date | None
    clock_events: list[ClockEventOut]
    appeals: list[AppealOut]

    @classmethod
    def full(cls, case: DisclosureRequest, request: HttpRequest) -> CaseOut:
        summary = CaseSummaryOut.of(case, request_clock(case))
        actor: Actor = request.actor  # type: ignore[attr-defined]
        data = request_personal_data(actor=actor, case=case, purpose="接口查看")
        applicant = None
        if data is not None:
            applicant = ApplicantOut(
                applicant_name=data.applicant_name,
                contact_person=data.contact_person,
                id_type=case.id_type,
                id_number=data.id_number,
                phone=data.phone,
                email=data.email,
                address=data.address,
                postcode=data.postcode,
            )
        events = [
            ClockEventOut(
                kind=e.kind,
                cause=e.cause,
                date=e.date,
                date_party_received=e.date_party_received,
                working_days=e.working_days,
                party=e.party,
                reason=e.reason,
                approved_by=e.approved_by.username if e.approved_by else "",
                by=e.by_label,
                at=e.at,
            )
            for e in request_clock_history(case)
        ]
        return cls(
            **summary.dict(),
            applicant=applicant,
            doc_number=case.doc_number,
            description=case.description,
            medium=case.medium,
            delivery=case.delivery,
            correction_items=case.correction_items,
            corrected_text=case.corrected_text,
            reply_type=case.reply_type,
            reply_reason=case.reply_reason,
            reply_label=case.reply_label,
            reply_text=case.reply_text,
            date_replied=case.date_replied,
            fee_method=case.fee_method,
            fee_amount_fen=case.fee_amount_fen,
            date_fee_paid=case.date_fee_paid,
            clock_events=events,
            appeals=[AppealOut.of(a) for a in request_appeals(case)],
        )


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CaseSummaryOut]


class CreatedOut(Schema):
    case: CaseOut
    secret: str = Field(..., description="查询密码，仅此一次返回，系统只保存其摘要")


# --- input ----------------------------------------------------------------------------------------


class CaseQuery(Schema):
    state: str = Field("", max_length=24)
    unit: str = Field("", max_length=18, description="承办单位机构代码")
    applicant_kind: str = Field("", max_length=20)
    days_left: str = Field("", max_length=10, description="overdue / at_risk / week / paused")
    q: str = Field("", max_length=100)
    mine: bool = False
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class CaseCreateIn(Schema):
    addressee_unit: str = Field(..., max_length=18, description="受理机关机构代码")
    channel: str
    date_arrived: dt.date
    date_received: dt.date | None = None
    applicant_kind: str
    org_kind: str = ""
    applicant_name: str = Field(..., max_length=100)
    contact_person: str = Field("", max_length=50)
    id_type: str
    id_number: str = Field(..., max_length=40)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=200)
    postcode: str = Field("", max_length=6)
    info_title: str = Field("", max_length=300)
    doc_number: str = Field("", max_length=60)
    description: str = Field("", max_length=5000)
    medium: str
    delivery: str


class Versioned(Schema):
    version: int = Field(..., ge=1, description="调用方上次看到的版本号")


class RegisterIn(Versioned):
    date_received: dt.date


class CorrectionNoticeIn(Versioned):
    items: str
    period_working_days: int = 15
    date_notice: dt.date | None = None
    date_applicant_received: dt.date | None = None


class CorrectionReceiveIn(Versioned):
    date_corrected: dt.date
    corrected_text: str
    late_reason: str = ""


class AssignIn(Versioned):
    unit: str = Field(..., max_length=18, description="承办单位机构代码")
    handler: str = Field("", max_length=150, description="承办人用户名")
    reason: str = ""


class BulkAssignIn(Schema):
    ids: list[int] = Field(..., min_length=1, max_length=200)
    unit: str = Field(..., max_length=18)
    handler: str = Field("", max_length=150)
    reason: str = ""


class ConsultationStartIn(Versioned):
    cause: str
    party: str
    reason: str
    date_sent: dt.date | None = None
    date_party_received: dt.date | None = None


class ConsultationFinishIn(Versioned):
    date_answered: dt.date
    outcome: str


class ExtendIn(Versioned):
    working_days: int
    reason: str
    approved_by: str = Field(..., description="批准人用户名")
    date_approved: dt.date | None = None


class FeeNoticeIn(Versioned):
    method: str
    reason: str
    pages: int | None = None
    date_notice: dt.date | None = None
    date_notice_received: dt.date | None = None


class FeePaidIn(Versioned):
    date_paid: dt.date


class ReplyIn(Versioned):
    reply_type: str
    reply_reason: str = ""
    reply_text: str
    date_replied: dt.date | None = None


class AppealIn(Versioned):
    kind: str
    authority: str
    date_filed: dt.date
    note: str = ""


class AppealDecideIn(Schema):
    outcome: str
    date_decided: dt.date
    note: str = ""


# --- helpers --------------------------------------------------------------------------------------


def _unit(user: User, code: str, field: str) -> Unit:
    unit = staff_units(user).filter(code=code.strip()).first()
    if unit is None:
        raise InvalidInput(f"未找到机构代码为 {code} 的单位，或不在您的管辖范围内。", field=field)
    return unit


def _user(username: str, field: str) -> User | None:
    if not username:
        return None
    found = User.objects.filter(username=username, is_active=True).select_related("unit").first()
    if found is None:
        raise InvalidInput(f"未找到用户 {username}。", field=field)
    return found


def _case(request: HttpRequest, case_id: int, version: int | None = None) -> DisclosureRequest:
    case = request_get_for_staff(request_user(request), case_id)
    if version is not None:
        case.version = version
    return case


def _out(request: HttpRequest, case: DisclosureRequest) -> CaseOut:
    return CaseOut.full(request_get_for_staff(request_user(request), case.pk), request)


# --- endpoints ------------------------------------------------------------------------------------


@router.get("/requests", response=answers(CasePage), summary="依申请公开件列表")
def list_requests(request: HttpRequest, filters: Query[CaseQuery]) -> CasePage:
    """Cases of the caller's units with their deadlines; no personal data in the list."""
    user = request_user(request)
    if filters.state and filters.state not in State.values:
        raise InvalidInput(f"未知的状态代码 {filters.state}。", field="state")
    if filters.applicant_kind and filters.applicant_kind not in ApplicantKind.values:
        raise InvalidInput(f"未知的申请人类型 {filters.applicant_kind}。", field="applicant_kind")
    if filters.days_left and filters.days_left not in DAYS_LEFT_FILTERS:
        raise InvalidInput(f"未知的期限筛选 {filters.days_left}。", field="days_left")
    unit = _unit(user, filters.unit, "unit") if filters.unit else None
    qs = request_list_for_staff(
        user,
        StaffFilters(
            state=filters.state,
            unit=unit,
            applicant_kind=filters.applicant_kind,
            days_left=filters.days_left,
            text=filters.q,
            mine=filters.mine,
        ),
    )
    rows = request_rows_with_clock(qs, days_left=filters.days_left, today=get_clock().today())
    start = (filters.page - 1) * filters.page_size
    page = rows[start : start + filters.page_size]
    return CasePage(
        count=len(rows),
        page=filters.page,
        page_size=filters.page_size,
        results=[CaseSummaryOut.of(r.case, r.clock) for r in page],
    )


@router.get("/requests/{int:case_id}", response=answers(CaseOut), summary="依申请公开件详情")
def get_request(request: HttpRequest, case_id: int) -> CaseOut:
    """One case; the applicant block only for the handling unit and the openness office (audited)."""
    return CaseOut.full(_case(request, case_id), request)


@router.post("/requests", response=answers(CreatedOut, 201), summary="登记申请")
def create_request(request: HttpRequest, payload: CaseCreateIn) -> Status[CreatedOut]:
    """Register an application with its channel and true receipt date (art. 31)."""
    actor = writer_actor(request)
    user = request_user(request)
    data: dict[str, Any] = payload.dict()
    fields = {k: data[k] for k in RequestInput.__dataclass_fields__}
    created = request_create(
        actor=actor,
        data=RequestInput(**fields),
        addressee_unit=_unit(user, payload.addressee_unit, "addressee_unit"),
        channel=payload.channel,
        date_arrived=payload.date_arrived,
        date_received=payload.date_received,
    )
    return Status(201, CreatedOut(case=_out(request, created.request), secret=created.secret))


@router.post("/requests/bulk-assign", response=answers(CasePage), summary="批量分办")
def bulk_assign(request: HttpRequest, payload: BulkAssignIn) -> CasePage:
    """Assign several cases at once: all or none."""
    actor = writer_actor(request)
    user = request_user(request)
    cases = [request_get_for_staff(user, pk) for pk in payload.ids]
    done = request_assign_bulk(
        actor=actor,
        cases=cases,
        unit=_unit(user, payload.unit, "unit"),
        handler=_user(payload.handler, "handler"),
        reason=payload.reason,
    )
    return CasePage(
        count=len(done),
        page=1,
        page_size=len(done),
        results=[CaseSummaryOut.of(c, request_clock(c)) for c in done],
    )


def _post(path: str, summary: str) -> Any:
    return router.post(f"/requests/{{int:case_id}}/{path}", response=answers(CaseOut), summary=summary)


@_post("register", "确认收到并登记")
def register(request: HttpRequest, case_id: int, payload: RegisterIn) -> CaseOut:
    case = request_register(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        date_received=payload.date_received,
    )
    return _out(request, case)


@_post("correction-notice", "告知补正")
def correction_notice(request: HttpRequest, case_id: int, payload: CorrectionNoticeIn) -> CaseOut:
    case = request_correction_notice(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        items=payload.items,
        period_working_days=payload.period_working_days,
        date_notice=payload.date_notice,
        date_applicant_received=payload.date_applicant_received,
    )
    return _out(request, case)


@_post("correction-receive", "登记补正")
def correction_receive(request: HttpRequest, case_id: int, payload: CorrectionReceiveIn) -> CaseOut:
    case = request_correction_receive(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        date_corrected=payload.date_corrected,
        corrected_text=payload.corrected_text,
        late_reason=payload.late_reason,
    )
    return _out(request, case)


@_post("deem-withdrawn", "逾期未补正，视为放弃申请")
def deem_withdrawn(request: HttpRequest, case_id: int, payload: Versioned) -> CaseOut:
    case = request_deem_withdrawn(actor=writer_actor(request), case=_case(request, case_id, payload.version))
    return _out(request, case)


@_post("assign", "分办 / 转办")
def assign(request: HttpRequest, case_id: int, payload: AssignIn) -> CaseOut:
    user = request_user(request)
    case = request_assign(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        unit=_unit(user, payload.unit, "unit"),
        handler=_user(payload.handler, "handler"),
        reason=payload.reason,
    )
    return _out(request, case)


@_post("start-handling", "开始办理")
def start_handling(request: HttpRequest, case_id: int, payload: Versioned) -> CaseOut:
    case = request_start_handling(actor=writer_actor(request), case=_case(request, case_id, payload.version))
    return _out(request, case)


@_post("consultation-start", "征求意见（暂停计时）")
def consultation_start(request: HttpRequest, case_id: int, payload: ConsultationStartIn) -> CaseOut:
    case = request_consultation_start(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        cause=payload.cause,
        party=payload.party,
        reason=payload.reason,
        date_sent=payload.date_sent,
        date_party_received=payload.date_party_received,
    )
    return _out(request, case)


@_post("consultation-finish", "结束征求意见（恢复计时）")
def consultation_finish(request: HttpRequest, case_id: int, payload: ConsultationFinishIn) -> CaseOut:
    case = request_consultation_finish(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        date_answered=payload.date_answered,
        outcome=payload.outcome,
    )
    return _out(request, case)


@_post("extend", "延长答复期限")
def extend(request: HttpRequest, case_id: int, payload: ExtendIn) -> CaseOut:
    approver = _user(payload.approved_by, "approved_by")
    if approver is None:
        raise InvalidInput("请填写批准人。", field="approved_by")
    case = request_extend(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        working_days=payload.working_days,
        reason=payload.reason,
        approved_by=approver,
        date_approved=payload.date_approved,
    )
    return _out(request, case)


@_post("fee-notice", "发出收费通知（暂停计时）")
def fee_notice(request: HttpRequest, case_id: int, payload: FeeNoticeIn) -> CaseOut:
    case = request_fee_notice(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        method=payload.method,
        reason=payload.reason,
        pages=payload.pages,
        date_notice=payload.date_notice,
        date_notice_received=payload.date_notice_received,
    )
    return _out(request, case)


@_post("fee-paid", "登记缴费（恢复计时）")
def fee_paid(request: HttpRequest, case_id: int, payload: FeePaidIn) -> CaseOut:
    case = request_fee_paid(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        date_paid=payload.date_paid,
    )
    return _out(request, case)


@_post("fee-abandon", "逾期未缴费，视为放弃申请")
def fee_abandon(request: HttpRequest, case_id: int, payload: Versioned) -> CaseOut:
    case = request_fee_abandon(actor=writer_actor(request), case=_case(request, case_id, payload.version))
    return _out(request, case)


@_post("reply", "答复")
def reply(request: HttpRequest, case_id: int, payload: ReplyIn) -> CaseOut:
    case = request_reply(
        actor=writer_actor(request),
        case=_case(request, case_id, payload.version),
        reply_type=payload.reply_type,
        reply_reason=payload.reply_reason,
        reply_text=payload.reply_text,
        date_replied=payload.date_replied,
    )
    return _out(request, case)


@_post("close", "归档")
def close(request: HttpRequest, case_id: int, payload: Versioned) -> CaseOut:
    case = request_close(actor=writer_actor(request), case=_case(request, case_id, payload.version))
    return _out(request, case)


@_post("appeals", "登记行政复议 / 行政诉讼")
def add_appeal(request: HttpRequest, case_id: int, payload: AppealIn) -> CaseOut:
    case = _case(request, case_id, payload.version)
    appeal_record(
        actor=writer_actor(request),
        case=case,
        kind=payload.kind,
        authority=payload.authority,
        date_filed=payload.date_filed,
        note=payload.note,
    )
    return _out(request, case)


@router.post(
    "/requests/{int:case_id}/appeals/{int:appeal_id}/decide",
    response=answers(CaseOut),
    summary="登记审结结果",
)
def decide_appeal(request: HttpRequest, case_id: int, appeal_id: int, payload: AppealDecideIn) -> CaseOut:
    case = _case(request, case_id)
    appeal = request_appeals(case).filter(pk=appeal_id).first()
    if appeal is None:
        raise InvalidInput("未找到该行政复议或行政诉讼记录。", field="appeal_id")
    appeal_decide(
        actor=writer_actor(request),
        appeal=appeal,
        outcome=payload.outcome,
        date_decided=payload.date_decided,
        note=payload.note,
    )
    return _out(request, case)
