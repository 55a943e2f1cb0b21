"""Public pages of 一号答 (``/yhd/``): filing a ticket, the one-time receipt, and the tracking page
(code + password) with the reply, the rating form and the reopen-once button; and the published
exchanges (``/yhd/public/``: masked texts only, never contact data). No login needed.

A successful look-up remembers the ticket in the session (code → password hash, re-checked on every
page), so the tracking page and its forms need no password in the URL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core.clock import get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError
from gongkai.disclosure.forms_public import describe_fields
from gongkai.interaction.choices import State, TicketType
from gongkai.interaction.constants import MAX_REOPENS
from gongkai.interaction.forms import (
    HONEYPOT,
    LookupForm,
    RateForm,
    ReopenForm,
    TicketForm,
    new_form_token,
    prefill_initial,
    read_form_token,
)
from gongkai.interaction.models import Ticket
from gongkai.interaction.public_selectors import published_exchange_get, published_exchanges
from gongkai.interaction.services import current_clock
from gongkai.interaction.services.public import (
    DuplicateSubmission,
    session_matches,
    ticket_file_online,
    ticket_lookup,
    ticket_rate_online,
    ticket_reopen_online,
)
from gongkai.interaction.services.publication import drafts_current

SESSION_TICKETS = "yhd_tickets"
SESSION_RECEIPT = "yhd_receipt"
MAX_REMEMBERED = 5


def place_errors(form: Any, exc: ApplicationError) -> None:
    placed = False
    for field, msgs in exc.errors.items():
        if field in form.fields:
            for m in msgs:
                form.add_error(field, m)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@never_cache
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = TicketForm(request.POST)
        token = read_form_token(request.POST.get("form_token", ""))
        if form.bot:
            form.add_error(None, "提交未成功，请检查后重试。")
            status = 400
        elif token is None:
            form.add_error(None, "表单已过期，请核对内容后重新提交。")
            status = 400
        elif form.is_valid():
            try:
                created = ticket_file_online(
                    actor=Actor.from_request(request), data=form.to_input(), form_token=token
                )
            except DuplicateSubmission as exc:
                if request.session.get(SESSION_RECEIPT):
                    return redirect("yhd:receipt")
                form.add_error(None, exc.message)
                status = exc.status_code
            except ApplicationError as exc:
                place_errors(form, exc)
                status = exc.status_code
            else:
                t = created.ticket
                request.session[SESSION_RECEIPT] = {"code": t.tracking_code, "secret": created.secret}
                _remember(request, t)
                return redirect("yhd:receipt")
        else:
            status = 400
        data = request.POST.copy()
        data["form_token"] = new_form_token()
        data[HONEYPOT] = ""
        form.data = data
    else:
        form = TicketForm(initial={**prefill_initial(request.GET), "form_token": new_form_token()})
    describe_fields(form)
    return render(request, "interaction/public/new.html", {"form": form}, status=status)


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The tracking code and password, shown this once (then dropped from the session)."""
    data = request.session.pop(SESSION_RECEIPT, None)
    if not data:
        return redirect("yhd:track")
    ticket = Ticket.objects.filter(tracking_code=data["code"]).first()
    return render(
        request,
        "interaction/public/receipt.html",
        {"ticket": ticket, "code": data["code"], "secret": data["secret"]},
    )


def _remember(request: HttpRequest, ticket: Ticket) -> None:
    held = dict(request.session.get(SESSION_TICKETS, {}))
    held.pop(ticket.tracking_code, None)
    held[ticket.tracking_code] = ticket.secret_hash
    request.session[SESSION_TICKETS] = dict(list(held.items())[-MAX_REMEMBERED:])


def _ticket_for(request: HttpRequest, code: str) -> Ticket | None:
    stored = request.session.get(SESSION_TICKETS, {}).get(code.upper(), "")
    if not stored:
        return None
    ticket = (
        Ticket.objects.select_related("current_unit", "hotline_unit")
        .filter(tracking_code=code.upper())
        .first()
    )
    if ticket is None or not session_matches(ticket, stored):
        return None
    return ticket


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            try:
                ticket = ticket_lookup(
                    tracking_code=form.cleaned_data["tracking_code"],
                    secret=form.cleaned_data["secret"],
                    ip=Actor.from_request(request).ip,
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                request.session.cycle_key()
                _remember(request, ticket)
                return redirect("yhd:ticket", code=ticket.tracking_code)
        else:
            status = 400
    else:
        form = LookupForm()
    describe_fields(form)
    return render(request, "interaction/public/track.html", {"form": form}, status=status)


@require_POST
def track_leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_TICKETS, None)
    messages.success(request, "已退出查询。")
    return redirect("yhd:track")


def _render_ticket(
    request: HttpRequest,
    ticket: Ticket,
    rate_form: RateForm | None = None,
    reopen_form: ReopenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    replied = ticket.state == State.REPLIED
    can_reopen = replied and not ticket.reopened and MAX_REOPENS > 0
    rate_form = rate_form or RateForm(initial={"rating": ticket.rating or None, "note": ticket.rating_note})
    reopen_form = reopen_form or ReopenForm()
    describe_fields(rate_form)
    describe_fields(reopen_form)
    return render(
        request,
        "interaction/public/ticket.html",
        {
            "ticket": ticket,
            "clock": current_clock(ticket, get_clock()),
            "rate_form": rate_form if replied else None,
            "reopen_form": reopen_form if can_reopen else None,
        },
        status=status,
    )


@never_cache
def ticket_page(request: HttpRequest, code: str) -> HttpResponse:
    ticket = _ticket_for(request, code)
    if ticket is None:
        messages.error(request, "请输入查询码和查询密码。")
        return redirect("yhd:track")
    return _render_ticket(request, ticket)


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    ticket = _ticket_for(request, code)
    if ticket is None:
        messages.error(request, "请输入查询码和查询密码。")
        return redirect("yhd:track")
    form = RateForm(request.POST)
    if not form.is_valid():
        return _render_ticket(request, ticket, rate_form=form, status=400)
    try:
        ticket_rate_online(
            ticket=ticket, rating=form.cleaned_data["rating"], note=form.cleaned_data["note"],
            ip=Actor.from_request(request).ip,
        )  # fmt: skip
    except ApplicationError as exc:
        place_errors(form, exc)
        return _render_ticket(request, ticket, rate_form=form, status=exc.status_code)
    messages.success(request, "感谢您的评价。")
    return redirect("yhd:ticket", code=ticket.tracking_code)


@require_POST
def reopen(request: HttpRequest, code: str) -> HttpResponse:
    ticket = _ticket_for(request, code)
    if ticket is None:
        messages.error(request, "请输入查询码和查询密码。")
        return redirect("yhd:track")
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _render_ticket(request, ticket, reopen_form=form, status=400)
    try:
        ticket_reopen_online(
            ticket=ticket, reason=form.cleaned_data["reason"], ip=Actor.from_request(request).ip
        )
    except ApplicationError as exc:
        place_errors(form, exc)
        return _render_ticket(request, ticket, reopen_form=form, status=exc.status_code)
    messages.success(request, "已申请重办，承办单位将重新办理。")
    return redirect("yhd:ticket", code=ticket.tracking_code)


# --- published exchanges (诉求及答复公开) ---------------------------------------------------------

PUBLIC_PAGE_SIZE = 20


def public_list(request: HttpRequest) -> HttpResponse:
    """Published exchanges, newest first, with a type filter; masked public texts only."""
    ticket_type = str(request.GET.get("type", ""))
    if ticket_type not in TicketType.values:
        ticket_type = ""
    page = Paginator(published_exchanges(ticket_type=ticket_type), PUBLIC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = [t for t in page.object_list if drafts_current(t)]
    return render(
        request,
        "interaction/public_list.html",
        {
            "page": page,
            "items": items,
            "types": TicketType.choices,
            "ticket_type": ticket_type,
            "extra": urlencode({"type": ticket_type}) if ticket_type else "",
        },
    )


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One published exchange: the masked subject, content and reply, the units and the dates."""
    ticket = published_exchange_get(pk)
    if ticket is None:
        raise Http404("该诉求未公开或已撤回。")
    return render(request, "interaction/public_detail.html", {"t": ticket})
