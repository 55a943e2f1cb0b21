"""Staff pages of 一号答 (workbench): the queue of the user's units, operator intake (phone, walk-in,
letter), and the ticket page with its clock history, routing suggestions, redirect hints and every
action form. Views parse, call one service, and render; the rules live in the services."""

from __future__ import annotations

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
from gongkai.core.errors import ApplicationError
from gongkai.documents.selectors import staff_units
from gongkai.interaction import forms as f
from gongkai.interaction import permissions, services
from gongkai.interaction.lifecycle import action_allowed
from gongkai.interaction.models import Ticket
from gongkai.interaction.public_views import place_errors
from gongkai.interaction.selectors import redirect_hints, suggest_units
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
    filt = f.QueueFilterForm(request.GET)
    data: dict[str, Any] = filt.cleaned_data if filt.is_valid() else {}
    qs = _visible(user)
    if data.get("state"):
        qs = qs.filter(state=data["state"])
    if data.get("ticket_type"):
        qs = qs.filter(ticket_type=data["ticket_type"])
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
