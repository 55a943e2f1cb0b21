"""Staff pages of 依申请公开 (workbench): work list, bulk assign, registering applications, the case
page with its clock and every action form. Plain forms, no JavaScript needed.

Views parse input, call one selector or service, and render; the rules live in the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.models import Role, User
from gongkai.accounts.permissions import is_staff_member
from gongkai.core.clock import get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError, InvalidInput
from gongkai.disclosure import forms as f
from gongkai.disclosure import permissions
from gongkai.disclosure.choices import RECEIPT_RULES, ApplicantKind, State
from gongkai.disclosure.fees import yuan
from gongkai.disclosure.letters.forms import LetterDraftForm
from gongkai.disclosure.lifecycle import ENDED_STATES, EXTENDABLE_STATES, action_allowed
from gongkai.disclosure.models import DisclosureRequest, Letter, RequestAttachment
from gongkai.disclosure.selectors import (
    DAYS_LEFT_FILTERS,
    StaffFilters,
    assignable_handlers,
    assignable_units,
    extension_approvers,
    notification_list_for_user,
    request_appeals,
    request_clock,
    request_clock_history,
    request_get_for_staff,
    request_list_for_staff,
    request_personal_data,
    request_rows_with_clock,
    request_state_counts,
    request_suggestions,
)
from gongkai.disclosure.services import (
    appeal_decide,
    appeal_record,
    notification_mark_read,
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

PAGE_SIZE = 50


def _staff(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not (is_staff_member(user) or user.is_superuser):
        raise PermissionDenied("只有工作人员可以办理依申请公开。")
    return user


def _can_assign_any(user: User) -> bool:
    return user.is_superuser or user.role in permissions.ASSIGNER_ROLES


# --- work list ------------------------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    filt = f.CaseFilterForm(request.GET)
    data: dict[str, Any] = filt.cleaned_data if filt.is_valid() else {}
    units = staff_units(user)
    unit_id = data.get("unit")
    unit = units.filter(pk=unit_id).first() if unit_id else None
    state = str(data.get("state") or "")
    kind = str(data.get("applicant_kind") or "")
    days_left = str(data.get("days_left") or "")
    filters = StaffFilters(
        state=state if state in State.values else "",
        unit=unit,
        applicant_kind=kind if kind in ApplicantKind.values else "",
        days_left=days_left if days_left in DAYS_LEFT_FILTERS else "",
        text=str(data.get("q") or ""),
        mine=bool(data.get("mine")),
    )
    rows = request_rows_with_clock(
        request_list_for_staff(user, filters), days_left=filters.days_left, today=get_clock().today()
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    can_assign = _can_assign_any(user)
    return render(
        request,
        "disclosure/case_list.html",
        {
            "page": page,
            "filters": filters,
            "states": State.choices,
            "counts": request_state_counts(user),
            "units": units.order_by("path"),
            "applicant_kinds": ApplicantKind.choices,
            "days_left_filters": DAYS_LEFT_FILTERS,
            "can_assign": can_assign,
            "assign_units": units.filter(is_active=True).order_by("path") if can_assign else [],
            "assign_handlers": assignable_handlers(units) if can_assign else [],
            "notifications": notification_list_for_user(user)[:20],
            "can_register": user.is_superuser or user.role != Role.EVALUATOR,
        },
    )


@login_required
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    units = staff_units(user)
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    form = f.BulkAssignForm(request.POST, ids=ids, units=units, handlers=assignable_handlers(units))
    if not form.is_valid():
        messages.error(request, "请选择申请和承办单位。")
        return redirect("disclosure:list")
    try:
        selected = [request_get_for_staff(user, pk) for pk in form.cleaned_data["ids"]]
        done = request_assign_bulk(
            actor=Actor.from_request(request),
            cases=selected,
            unit=form.cleaned_data["unit"],
            handler=form.cleaned_data["handler"],
            reason="批量分办",
        )
    except ApplicationError as exc:
        messages.error(request, f"未分办：{exc.message}")
    else:
        messages.success(request, f"已将{len(done)}件申请分办至“{form.cleaned_data['unit'].name}”。")
    return redirect("disclosure:list")


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    _staff(request)
    n = notification_mark_read(actor=Actor.from_request(request))
    messages.success(request, f"已将{n}条提醒标为已读。")
    return redirect("disclosure:list")


# --- registering ----------------------------------------------------------------------------------


def _register_units(user: User) -> Any:
    return Unit.objects.filter(
        pk__in=[u.pk for u in staff_units(user) if permissions.can_register_for(user, u)]
    )


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    """Register an application received in person, by letter or by fax, with its true receipt date."""
    user = _staff(request)
    units = _register_units(user)
    today = get_clock().today()
    if request.method == "POST":
        form = f.RegisterRequestForm(request.POST, units=units)
        if form.is_valid():
            try:
                created = request_create(
                    actor=Actor.from_request(request),
                    data=form.to_input(),
                    addressee_unit=form.cleaned_data["addressee_unit"],
                    channel=form.cleaned_data["channel"],
                    date_arrived=form.cleaned_data["date_arrived"],
                    date_received=form.cleaned_data["date_received"],
                )
            except ApplicationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"已登记，查询码 {created.request.tracking_code}，查询密码 {created.secret}"
                    "（仅显示这一次，请告知申请人）。",
                )
                return redirect("disclosure:detail", pk=created.request.pk)
    else:
        form = f.RegisterRequestForm(
            units=units,
            initial={"date_arrived": today, "date_received": today, "addressee_unit": user.unit_id},
        )
    return render(request, "disclosure/case_new.html", {"form": form, "receipt_rules": RECEIPT_RULES})


def _form_errors(form: Any, exc: ApplicationError) -> None:
    placed = False
    for field, msgs in exc.errors.items():
        for m in msgs:
            if field in form.fields:
                form.add_error(field, m)
                placed = True
    if not placed:
        form.add_error(None, exc.message)


# --- the case page and its actions ----------------------------------------------------------------


@dataclass(frozen=True)
class ActionSpec:
    label: str
    form: type[Any]
    perform: Callable[[Actor, DisclosureRequest, dict[str, Any]], Any]
    done: str
    lifecycle: str | None  # the ACTIONS key, or None for actions that are not state changes
    may: Callable[[User, DisclosureRequest], bool]


def _appeal_decide(actor: Actor, case: DisclosureRequest, d: dict[str, Any]) -> Any:
    appeal = request_appeals(case).filter(pk=d["appeal"]).first()
    if appeal is None:
        raise InvalidInput("未找到该行政复议或行政诉讼记录。")
    return appeal_decide(
        actor=actor, appeal=appeal, outcome=d["outcome"], date_decided=d["date_decided"], note=d["note"]
    )


ACTIONS: dict[str, ActionSpec] = {
    "register": ActionSpec(
        "确认收到并登记",
        f.RegisterForm,
        lambda a, c, d: request_register(actor=a, case=c, date_received=d["date_received"]),
        "已登记，答复期限开始计算。",
        "register",
        permissions.can_register,
    ),
    "correction_notice": ActionSpec(
        "告知补正",
        f.CorrectionNoticeForm,
        lambda a, c, d: request_correction_notice(
            actor=a,
            case=c,
            items=d["items"],
            period_working_days=d["period_working_days"],
            date_notice=d["date_notice"],
            date_applicant_received=d["date_applicant_received"],
        ),
        "已告知补正，答复期限停止计算，自收到补正之日起重新计算。",
        "correction_notice",
        permissions.can_register,
    ),
    "correction_receive": ActionSpec(
        "登记补正",
        f.CorrectionReceiveForm,
        lambda a, c, d: request_correction_receive(
            actor=a,
            case=c,
            date_corrected=d["date_corrected"],
            corrected_text=d["corrected_text"],
            late_reason=d["late_reason"],
        ),
        "已登记补正，答复期限重新计算。",
        "correction_receive",
        permissions.can_register,
    ),
    "deem_withdrawn": ActionSpec(
        "逾期未补正，视为放弃申请",
        f.EmptyActionForm,
        lambda a, c, d: request_deem_withdrawn(actor=a, case=c),
        "已按视为放弃申请办结。",
        "deem_withdrawn",
        permissions.can_register,
    ),
    "assign": ActionSpec(
        "分办 / 转办",
        f.AssignForm,
        lambda a, c, d: request_assign(
            actor=a, case=c, unit=d["unit"], handler=d["handler"], reason=d["reason"]
        ),
        "已分办。",
        "assign",
        permissions.can_assign,
    ),
    "start_handling": ActionSpec(
        "开始办理",
        f.EmptyActionForm,
        lambda a, c, d: request_start_handling(actor=a, case=c),
        "已开始办理。",
        "start_handling",
        permissions.can_handle,
    ),
    "consultation_start": ActionSpec(
        "征求意见（暂停计时）",
        f.ConsultationStartForm,
        lambda a, c, d: request_consultation_start(
            actor=a,
            case=c,
            cause=d["cause"],
            party=d["party"],
            reason=d["reason"],
            date_sent=d["date_sent"],
            date_party_received=d["date_party_received"],
        ),
        "已发出征求意见，答复期限暂停计算。",
        "consultation_start",
        permissions.can_handle,
    ),
    "consultation_finish": ActionSpec(
        "结束征求意见（恢复计时）",
        f.ConsultationFinishForm,
        lambda a, c, d: request_consultation_finish(
            actor=a, case=c, date_answered=d["date_answered"], outcome=d["outcome"]
        ),
        "已结束征求意见，答复期限恢复计算。",
        "consultation_finish",
        permissions.can_handle,
    ),
    "extend": ActionSpec(
        "延长答复期限",
        f.ExtendForm,
        lambda a, c, d: request_extend(
            actor=a,
            case=c,
            working_days=d["working_days"],
            reason=d["reason"],
            approved_by=d["approved_by"],
            date_approved=d["date_approved"],
        ),
        "已延长答复期限，请书面告知申请人。",
        None,
        permissions.can_handle,
    ),
    "fee_notice": ActionSpec(
        "发出收费通知（暂停计时）",
        f.FeeNoticeForm,
        lambda a, c, d: request_fee_notice(
            actor=a,
            case=c,
            method=d["method"],
            pages=d["pages"],
            reason=d["reason"],
            date_notice=d["date_notice"],
            date_notice_received=d["date_notice_received"],
        ),
        "已发出收费通知，答复期限暂停计算。",
        "fee_notice",
        permissions.can_handle,
    ),
    "fee_paid": ActionSpec(
        "登记缴费（恢复计时）",
        f.FeePaidForm,
        lambda a, c, d: request_fee_paid(actor=a, case=c, date_paid=d["date_paid"]),
        "已登记缴费，答复期限恢复计算。",
        "fee_paid",
        permissions.can_handle,
    ),
    "fee_abandon": ActionSpec(
        "逾期未缴费，视为放弃申请",
        f.EmptyActionForm,
        lambda a, c, d: request_fee_abandon(actor=a, case=c),
        "已按视为放弃申请办结。",
        "fee_abandon",
        permissions.can_handle,
    ),
    "reply": ActionSpec(
        "答复",
        f.ReplyForm,
        lambda a, c, d: request_reply(
            actor=a,
            case=c,
            reply_type=d["reply_type"],
            reply_reason=d["reply_reason"],
            reply_text=d["reply_text"],
            date_replied=d["date_replied"],
        ),
        "已答复。",
        "reply",
        permissions.can_handle,
    ),
    "close": ActionSpec(
        "归档",
        f.EmptyActionForm,
        lambda a, c, d: request_close(actor=a, case=c),
        "已归档。",
        "close",
        permissions.can_handle,
    ),
    "appeal": ActionSpec(
        "登记行政复议 / 行政诉讼",
        f.AppealForm,
        lambda a, c, d: appeal_record(
            actor=a,
            case=c,
            kind=d["kind"],
            authority=d["authority"],
            date_filed=d["date_filed"],
            note=d["note"],
        ),
        "已登记。",
        None,
        permissions.can_register,
    ),
    "appeal_decide": ActionSpec(
        "登记审结结果",
        f.AppealDecideForm,
        _appeal_decide,
        "已登记审结结果。",
        None,
        permissions.can_register,
    ),
}


def _available(user: User, case: DisclosureRequest) -> list[str]:
    names = []
    for name, spec in ACTIONS.items():
        if spec.lifecycle is not None and not action_allowed(case.state, spec.lifecycle):
            continue
        if name == "extend" and case.state not in EXTENDABLE_STATES:
            continue
        if name == "appeal" and case.state not in ENDED_STATES:
            continue
        if name == "appeal_decide" and not request_appeals(case).filter(outcome="pending").exists():
            continue
        if user.role == Role.EVALUATOR and not user.is_superuser:
            continue
        if spec.may(user, case):
            names.append(name)
    return names


def _make_form(name: str, case: DisclosureRequest, user: User, data: Any = None) -> Any:
    spec = ACTIONS[name]
    kwargs: dict[str, Any] = {"initial": {"version": case.version}}
    if spec.form is f.AssignForm:
        units = assignable_units(user, case)
        kwargs.update(units=units, handlers=assignable_handlers(units))
    if spec.form is f.ExtendForm:
        kwargs["approvers"] = extension_approvers(case)
    return spec.form(data, **kwargs) if data is not None else spec.form(**kwargs)


def _detail(
    request: HttpRequest,
    user: User,
    case: DisclosureRequest,
    bound: tuple[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    available = _available(user, case)
    action_forms = []
    for name in available:
        form = bound[1] if bound and bound[0] == name else _make_form(name, case, user)
        action_forms.append((name, ACTIONS[name].label, form))
    clock = get_clock()
    appeals = list(request_appeals(case))
    return render(
        request,
        "disclosure/case_detail.html",
        {
            "case": case,
            "applicant": request_personal_data(
                actor=Actor.from_request(request), case=case, purpose="查看案件页"
            ),
            "clock": request_clock(case, clock=clock),
            "history": request_clock_history(case),
            "appeals": appeals,
            "pending_appeals": [a for a in appeals if a.outcome == "pending"],
            "action_forms": action_forms,
            "suggestions": request_suggestions(case, today=clock.today())
            if case.state not in ENDED_STATES
            else None,
            "fee_yuan": yuan(case.fee_amount_fen),
            "letters": Letter.objects.filter(request=case).order_by("created_at", "id"),
            "letter_form": LetterDraftForm() if user.role != Role.EVALUATOR or user.is_superuser else None,
            "attachments": RequestAttachment.objects.filter(request=case).order_by("id"),
        },
        status=status,
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    try:
        case = request_get_for_staff(user, pk)
    except ApplicationError as exc:
        raise PermissionDenied(exc.message) from exc
    return _detail(request, user, case)


@login_required
@require_POST
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _staff(request)
    spec = ACTIONS.get(action)
    try:
        case = request_get_for_staff(user, pk)
    except ApplicationError as exc:
        raise PermissionDenied(exc.message) from exc
    if spec is None:
        messages.error(request, "未知的操作。")
        return redirect("disclosure:detail", pk=pk)
    form = _make_form(action, case, user, data=request.POST)
    if not form.is_valid():
        return _detail(request, user, case, bound=(action, form), status=400)
    case.version = form.cleaned_data["version"]  # the version the page showed: a stale page is refused
    try:
        spec.perform(Actor.from_request(request), case, form.cleaned_data)
    except ApplicationError as exc:
        _form_errors(form, exc)
        messages.error(request, exc.message)
        fresh = request_get_for_staff(user, pk)
        return _detail(request, user, fresh, bound=(action, form), status=exc.status_code)
    messages.success(request, spec.done)
    return redirect("disclosure:detail", pk=pk)
