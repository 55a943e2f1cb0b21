"""Staff pages of 一号答 (workbench): the queue of the user's units, operator intake (phone, walk-in,
letter), and the ticket page with its clock history, routing suggestions, redirect hints and every
action form. Views parse, call one service, and render; the rules live in the services."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts import permissions as base
from gongkai.accounts.models import Role, User
from gongkai.accounts.permissions import is_staff_member
from gongkai.calendars.selectors import get_calendar
from gongkai.core.clock import get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError, NotPermitted
from gongkai.documents.selectors import staff_units
from gongkai.interaction import forms as f
from gongkai.interaction import permissions, services
from gongkai.interaction import selectors as sel
from gongkai.interaction import supervision_forms as sf
from gongkai.interaction.choices import RedirectKind
from gongkai.interaction.lifecycle import action_allowed
from gongkai.interaction.models import Ticket, TicketSupervision
from gongkai.interaction.public_views import place_errors
from gongkai.interaction.selectors import redirect_hints, suggest_units
from gongkai.privacy.services.gate import PrivacyReviewRequired
from gongkai.units.models import Unit

PAGE_SIZE = 50


def _staff(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not (is_staff_member(user) or user.is_superuser):
        raise PermissionDenied("只有工作人员可以办理诉求。")
    return user


def _visible(user: User) -> QuerySet[Ticket]:
    units = staff_units(user)
    return (
        Ticket.objects.filter(Q(hotline_unit__in=units) | Q(current_unit__in=units))
        .select_related("hotline_unit", "current_unit", "handler")
        .prefetch_related("clock_events")
    )


def _get(user: User, pk: int) -> Ticket:
    ticket = Ticket.objects.select_related("hotline_unit", "current_unit", "handler").filter(pk=pk).first()
    if ticket is None or not (user.is_superuser or permissions.can_view(user, ticket)):
        raise PermissionDenied("您无权查看该诉求。")
    return ticket


@login_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    filt = sf.QueueFilterForm(request.GET)
    data: dict[str, Any] = filt.cleaned_data if filt.is_valid() else {}
    qs = _visible(user)
    if data.get("state"):
        qs = qs.filter(state=data["state"])
    if data.get("ticket_type"):
        qs = qs.filter(ticket_type=data["ticket_type"])
    if data.get("flag") == "supervised":
        qs = sel.supervised_open(qs)
    clock, calendar = get_clock(), get_calendar()
    rows = [(t, services.current_clock(t, clock, calendar)) for t in qs.order_by("-created_at", "-id")[:1000]]
    flag = data.get("flag")
    if flag == "at_risk":
        rows = [r for r in rows if r[1].at_risk]
    elif flag == "overdue":
        rows = [r for r in rows if r[1].overdue]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "interaction/ticket_list.html",
        {"page": page, "filter_form": filt, "can_receive": bool(_receiving_units(user))},
    )


def _receiving_units(user: User) -> list[Unit]:
    if user.role == Role.EVALUATOR and not user.is_superuser:
        return []
    return [
        u
        for u in staff_units(user).filter(is_active=True).order_by("path")
        if permissions.can_receive(user, u)
    ]


@login_required
def ticket_new(request: HttpRequest) -> HttpResponse:
    """Operator intake of a phone call, a walk-in or a letter."""
    user = _staff(request)
    units = _receiving_units(user)
    if not units:
        raise PermissionDenied("您无权受理诉求。")
    qs = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
    status = 200
    if request.method == "POST":
        form = f.StaffTicketForm(request.POST, units=qs)
        if form.is_valid():
            d = form.cleaned_data
            try:
                created = services.ticket_create(
                    actor=Actor.from_request(request),
                    hotline_unit=d["hotline_unit"],
                    data=form.to_input(channel=d["channel"], urgency=d["urgency"]),
                )
            except ApplicationError as exc:
                place_errors(form, exc)
                status = exc.status_code
            else:
                messages.success(
                    request,
                    f"已受理，查询码 {created.ticket.tracking_code}，查询密码 {created.secret}"
                    "（仅显示一次，请告知群众）。",
                )
                return redirect("interaction:detail", pk=created.ticket.pk)
        else:
            status = 400
    else:
        form = f.StaffTicketForm(units=qs, initial={"hotline_unit": units[0].pk})
    return render(request, "interaction/ticket_new.html", {"form": form}, status=status)


# --- the ticket page and its actions ----------------------------------------------------------------


@dataclass(frozen=True)
class ActionSpec:
    label: str
    form: type[Any]
    perform: Callable[[Actor, Ticket, dict[str, Any]], Any]
    done: str
    may: Callable[[User, Ticket], bool]


ACTIONS: dict[str, ActionSpec] = {
    "dispatch": ActionSpec(
        "转办", f.DispatchForm,
        lambda a, t, d: services.ticket_dispatch(actor=a, ticket=t, unit=d["unit"], note=d["note"]),
        "已转办。", permissions.can_dispatch,
    ),
    "transfer": ActionSpec(
        "改派", f.TransferForm,
        lambda a, t, d: services.ticket_transfer(actor=a, ticket=t, unit=d["unit"], reason=d["reason"]),
        "已改派。", permissions.can_dispatch,
    ),
    "sign": ActionSpec(
        "签收", f.VersionedForm, lambda a, t, d: services.ticket_sign(actor=a, ticket=t),
        "已签收。", permissions.can_handle,
    ),
    "return": ActionSpec(
        "退回", f.ReturnForm, lambda a, t, d: services.ticket_return(actor=a, ticket=t, reason=d["reason"]),
        "已退回受理单位。", permissions.can_handle,
    ),
    "start": ActionSpec(
        "开始办理", f.VersionedForm, lambda a, t, d: services.ticket_start(actor=a, ticket=t),
        "已开始办理。", permissions.can_handle,
    ),
    "reply": ActionSpec(
        "反馈", f.ReplyForm,
        lambda a, t, d: services.ticket_reply(actor=a, ticket=t, reply_text=d["reply_text"]),
        "已反馈，计时停止。", permissions.can_handle,
    ),
    "rate": ActionSpec(
        "记录评价", f.StaffRateForm,
        lambda a, t, d: services.ticket_rate(actor=a, ticket=t, rating=d["rating"], note=d["note"]),
        "已记录评价。", permissions.can_dispatch,
    ),
    "reopen": ActionSpec(
        "重办", f.StaffReopenForm,
        lambda a, t, d: services.ticket_reopen(actor=a, ticket=t, reason=d["reason"]),
        "已重办，时限重新起算。", permissions.can_dispatch,
    ),
    "close": ActionSpec(
        "办结", f.CloseForm,
        lambda a, t, d: services.ticket_close(actor=a, ticket=t, visit_note=d["visit_note"]),
        "已办结。", permissions.can_dispatch,
    ),
}  # fmt: skip


def _available(user: User, ticket: Ticket) -> list[str]:
    if user.role == Role.EVALUATOR and not user.is_superuser:
        return []
    names = []
    for name, spec in ACTIONS.items():
        if not action_allowed(ticket.state, name):
            continue
        if name == "reopen" and ticket.reopened:
            continue
        if spec.may(user, ticket):
            names.append(name)
    return names


def _target_units(ticket: Ticket) -> QuerySet[Unit]:
    ids = [u.pk for u in Unit.objects.filter(is_active=True) if u.is_within(ticket.hotline_unit)]
    qs = Unit.objects.filter(pk__in=ids).order_by("path")
    return qs.exclude(pk=ticket.current_unit.pk) if ticket.current_unit else qs


def _make_form(name: str, ticket: Ticket, data: Any = None) -> Any:
    spec = ACTIONS[name]
    kwargs: dict[str, Any] = {"initial": {"version": ticket.version}}
    if issubclass(spec.form, f.UnitForm):
        kwargs["units"] = _target_units(ticket)
    return spec.form(data, **kwargs) if data is not None else spec.form(**kwargs)


def _detail(
    request: HttpRequest, user: User, ticket: Ticket, bound: tuple[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    available = _available(user, ticket)
    action_forms = [
        (name, ACTIONS[name].label, bound[1] if bound and bound[0] == name else _make_form(name, ticket))
        for name in available
    ]
    routing_help = "dispatch" in available or "transfer" in available
    show_contact = (
        user.is_superuser or base.can_write(user, ticket.hotline_unit) or permissions.can_handle(user, ticket)
    )
    return render(
        request,
        "interaction/ticket_detail.html",
        {
            "ticket": ticket,
            "clock": services.current_clock(ticket, get_clock()),
            "history": ticket.clock_events.order_by("at", "id"),
            "routings": ticket.routings.select_related("from_unit", "to_unit").order_by("at", "id"),
            "action_forms": action_forms,
            "suggestions": suggest_units(
                subject=ticket.subject, content=ticket.content, within=ticket.hotline_unit, exclude=ticket
            )
            if routing_help
            else [],
            "hints": redirect_hints(ticket.subject, ticket.content) if routing_help else [],
            "show_contact": show_contact,
            "may_convert_disclosure": may_convert_disclosure(user, ticket),
            **_supervision_context(user, ticket),
        },
        status=status,
    )


@login_required
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    return _detail(request, user, _get(user, pk))


@login_required
@require_POST
def ticket_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _staff(request)
    ticket = _get(user, pk)
    spec = ACTIONS.get(action)
    if spec is None:
        messages.error(request, "未知的操作。")
        return redirect("interaction:detail", pk=pk)
    if not spec.may(user, ticket) or (user.role == Role.EVALUATOR and not user.is_superuser):
        raise PermissionDenied("您无权进行此操作。")
    form = _make_form(action, ticket, data=request.POST)
    if not form.is_valid():
        return _detail(request, user, ticket, bound=(action, form), status=400)
    ticket.version = form.cleaned_data["version"]
    try:
        spec.perform(Actor.from_request(request), ticket, form.cleaned_data)
    except ApplicationError as exc:
        place_errors(form, exc)
        messages.error(request, exc.message)
        return _detail(request, user, _get(user, pk), bound=(action, form), status=exc.status_code)
    messages.success(request, spec.done)
    return redirect("interaction:detail", pk=pk)


# --- 提醒、督办 and statistics ------------------------------------------------------------------------


def _supervision_context(user: User, ticket: Ticket) -> dict[str, Any]:
    may_ack = permissions.can_handle(user, ticket) and user.role != Role.EVALUATOR
    supervisions = list(sel.ticket_supervisions(ticket))
    return {
        "reminders": sel.ticket_reminders(ticket),
        "supervisions": supervisions,
        "ack_form": sf.AcknowledgeForm(),
        "may_ack": may_ack and any(s.acknowledged_at is None for s in supervisions),
    }


@login_required
@require_POST
def supervision_acknowledge(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    """The current unit acknowledges a 督办 of the ticket."""
    user = _staff(request)
    ticket = _get(user, pk)
    supervision = TicketSupervision.objects.filter(pk=sid, ticket=ticket).first()
    if supervision is None:
        messages.error(request, "督办记录不存在。")
        return redirect("interaction:detail", pk=pk)
    if not permissions.can_handle(user, ticket) or (user.role == Role.EVALUATOR and not user.is_superuser):
        raise PermissionDenied("只有承办单位的工作人员可以确认督办。")
    form = sf.AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.ticket_acknowledge_supervision(
                actor=Actor.from_request(request), supervision=supervision, note=form.cleaned_data["note"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已确认督办。")
            return redirect("interaction:detail", pk=pk)
    else:
        messages.error(request, "请填写办理说明。")
    return redirect("interaction:detail", pk=pk)


def _stats(request: HttpRequest) -> tuple[sf.StatsFilterForm, sel.TicketStats]:
    user = _staff(request)
    clock = get_clock()
    form = sf.StatsFilterForm(request.GET or None, today=clock.today())
    date_from, date_to = form.period()
    return form, sel.ticket_stats(_visible(user), date_from=date_from, date_to=date_to, clock=clock)


@login_required
def ticket_stats(request: HttpRequest) -> HttpResponse:
    """诉求统计 of the user's units (the hotline centre and the office see their whole subtree)."""
    form, stats = _stats(request)
    return render(request, "interaction/ticket_stats.html", {"form": form, "stats": stats})


@login_required
def ticket_stats_csv(request: HttpRequest) -> HttpResponse:
    """The statistics table as CSV (UTF-8 with BOM, for spreadsheet programs)."""
    _form, stats = _stats(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["类别", "项目", "件数"])
    writer.writerow(["合计", f"{stats.date_from.isoformat()}至{stats.date_to.isoformat()}", stats.total])
    for section, rows in (
        ("按类型", stats.by_type),
        ("按承办单位", stats.by_unit),
        ("按区县", stats.by_place),
        ("热点词", stats.hot_words),
    ):
        for row in rows:
            writer.writerow([section, row.label, row.count])
    writer.writerow(["按期反馈", f"已反馈{stats.replied}件", stats.replied_on_time])
    writer.writerow(["满意（含基本满意）", f"已评价{stats.rated}件", stats.satisfied])
    writer.writerow(["被督办", "", stats.supervised])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"tickets-{stats.date_from.isoformat()}-{stats.date_to.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- publication of the exchange on the portal (services/publication.py) -------------------------


@login_required
def ticket_privacy(request: HttpRequest, pk: int) -> HttpResponse:
    """The privacy gate's review page for a ticket's exchange (reviewers of the hotline unit only;
    every opening is logged). The masking is stored as the public texts, never on the citizen's record."""
    from gongkai.privacy.forms import parse_review_form
    from gongkai.privacy.services import privacy_review_apply, privacy_review_open
    from gongkai.privacy.views import _context as review_context

    user = _staff(request)
    ticket = _get(user, pk)
    subject = services.ticket_subject(ticket)
    actor = Actor.from_request(request)
    errors: dict[str, list[str]] = {}
    posted: dict[str, str] = {}
    try:
        report = privacy_review_open(actor=actor, subject=subject)
        if request.method == "POST":
            choices, confirmations = parse_review_form(request.POST, report)
            try:
                privacy_review_apply(
                    actor=actor,
                    subject=subject,
                    token=str(request.POST.get("token", "")),
                    choices=choices,
                    confirmations=confirmations,
                )
            except NotPermitted:
                raise
            except ApplicationError as exc:
                messages.error(request, exc.message)
                errors = exc.errors
                posted = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
            else:
                messages.success(request, "处理结果已保存为公开文本（诉求原文不变），请返回诉求页面公开。")
                return redirect("interaction:privacy", pk=pk)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    context = review_context(None, report, errors, posted)  # type: ignore[arg-type]
    context["ticket"] = ticket
    return render(request, "interaction/ticket_privacy.html", context)


@login_required
@require_POST
def ticket_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """公开此诉求及答复: through the privacy gate; refused with the review page's link."""
    user = _staff(request)
    ticket = _get(user, pk)
    try:
        services.ticket_publish_exchange(actor=Actor.from_request(request), ticket=ticket)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except PrivacyReviewRequired as exc:
        messages.error(request, exc.message)
        return redirect("interaction:privacy", pk=pk)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("interaction:detail", pk=pk)
    messages.success(request, "已在门户网站公开（仅公开遮盖个人信息后的文本）。")
    return redirect("interaction:detail", pk=pk)


@login_required
@require_POST
def ticket_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    """撤回公开."""
    user = _staff(request)
    ticket = _get(user, pk)
    try:
        services.ticket_unpublish_exchange(
            actor=Actor.from_request(request), ticket=ticket, reason_text=str(request.POST.get("reason", ""))
        )
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("interaction:detail", pk=pk)
    messages.success(request, "已撤回公开。")
    return redirect("interaction:detail", pk=pk)


# --- 分流：转依申请公开 (services/redirect.py) ----------------------------------------------------------


def may_convert_disclosure(user: User, ticket: Ticket) -> bool:
    """Show the 转依申请公开 block: hotline centre, a state before the reply, and a 依申请公开 hint."""
    if user.role == Role.EVALUATOR and not user.is_superuser:
        return False
    if not action_allowed(ticket.state, "convert_disclosure") or not permissions.can_dispatch(user, ticket):
        return False
    return any(h.kind == RedirectKind.DISCLOSURE for h in redirect_hints(ticket.subject, ticket.content))


@login_required
@require_POST
def ticket_convert_disclosure(request: HttpRequest, pk: int) -> HttpResponse:
    """转为依申请公开: files the request and closes the ticket; the query password is shown once."""
    user = _staff(request)
    ticket = _get(user, pk)
    if user.role == Role.EVALUATOR and not user.is_superuser:
        raise PermissionDenied("您无权进行此操作。")
    try:
        ticket.version = int(str(request.POST.get("version", "")))
    except ValueError:
        messages.error(request, "页面已过期，请刷新后再操作。")
        return redirect("interaction:detail", pk=pk)
    try:
        done = services.ticket_convert_to_disclosure(
            actor=Actor.from_request(request), ticket=ticket, note=str(request.POST.get("note", ""))
        )
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("interaction:detail", pk=pk)
    messages.success(
        request,
        f"已转为依申请公开并办结本诉求。申请查询码 {done.request.tracking_code}，查询密码 {done.secret}"
        "（仅显示这一次，请告知申请人）。",
    )
    return redirect("interaction:detail", pk=pk)
