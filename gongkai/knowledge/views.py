"""Staff pages of the knowledge base (workbench): the list by state with filters, create and edit,
the entry page with review actions and version history, the stale list, the hotline operators'
console, and 提议入库 from a ticket. Views parse, call one service or selector, and render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.models import Role, User
from gongkai.accounts.permissions import is_staff_member
from gongkai.core.clock import get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError, NotFound, NotPermitted
from gongkai.documents.selectors import staff_units
from gongkai.knowledge import forms as f
from gongkai.knowledge import permissions, selectors, services
from gongkai.knowledge.choices import StaleReason
from gongkai.knowledge.lifecycle import ACTION_LABELS, action_allowed
from gongkai.knowledge.models import KnowledgeEntry

PAGE_SIZE = 30


def _staff(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not (is_staff_member(user) or user.is_superuser):
        raise PermissionDenied("只有工作人员可以使用知识库工作台。")
    return user


def _get(user: User, pk: int) -> KnowledgeEntry:
    try:
        return selectors.entry_get_for_staff(user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc


def _place_errors(form: Any, exc: ApplicationError) -> None:
    placed = False
    for field, msgs in exc.errors.items():
        if field in form.fields:
            for m in msgs:
                form.add_error(field, m)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def _writable_units(user: User) -> list[Any]:
    if user.role == Role.EVALUATOR and not user.is_superuser:
        return []
    return [
        u for u in staff_units(user).filter(is_active=True).order_by("path") if permissions.can_write(user, u)
    ]


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    filt = f.StaffFilterForm(request.GET)
    data: dict[str, Any] = filt.cleaned_data if filt.is_valid() else {}
    qs = selectors.entries_for_staff(
        user,
        state=data.get("state", ""),
        text=data.get("q", ""),
        tag=data.get("tag", ""),
        life_event=data.get("life_event", ""),
        stale=bool(data.get("stale")),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "knowledge/staff/list.html",
        {
            "page": page,
            "filter_form": filt,
            "counts": selectors.entry_counts_for_staff(user),
            "can_create": bool(_writable_units(user)),
            "extra": query.urlencode(),
        },
    )


def _input(form: f.EntryForm, user: User) -> services.EntryInput | None:
    cd = form.cleaned_data
    docs, missing = selectors.documents_for_linking(user, cd["documents"])
    if missing:
        form.add_error("documents", f"未找到编号为 {missing[0]} 的政策文件。")
        return None
    return services.EntryInput(
        question=cd["question"],
        answer_html=cd["answer_html"],
        phrasings=cd["phrasings"],
        tags=cd["tags"],
        life_events=list(cd["life_events"]),
        documents=docs,
        service_name=cd["service_name"],
        service_url=cd["service_url"],
        date_valid_from=cd["date_valid_from"],
        date_review_by=cd["date_review_by"],
        note=cd["note"],
    )


@login_required
def entry_new(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    units = _writable_units(user)
    if not units:
        raise PermissionDenied("您无权新建知识条目。")
    choices = [(u.code, u.name) for u in units]
    status = 200
    if request.method == "POST":
        form = f.EntryForm(request.POST, unit_choices=choices)
        if form.is_valid() and (data := _input(form, user)) is not None:
            unit = next(u for u in units if u.code == form.cleaned_data["unit"])
            try:
                entry = services.entry_create(actor=Actor.from_request(request), unit=unit, data=data)
            except ApplicationError as exc:
                _place_errors(form, exc)
                status = exc.status_code
            else:
                messages.success(request, "知识条目已保存为草稿。")
                return redirect("knowledge:detail", pk=entry.pk)
        else:
            status = 400
    else:
        form = f.EntryForm(unit_choices=choices, initial={"unit": units[0].code, "version": 0})
    return render(request, "knowledge/staff/form.html", {"form": form, "entry": None}, status=status)


def _initial(entry: KnowledgeEntry) -> dict[str, Any]:
    v = entry.current_version
    assert v is not None
    return {
        "version": entry.version,
        "question": v.question,
        "phrasings": "\n".join(v.phrasings),
        "answer_html": v.answer_html,
        "tags": "、".join(v.tag_list),
        "life_events": selectors.version_life_events(v),
        "documents": ", ".join(str(i) for i in v.document_ids),
        "service_name": v.service_name,
        "service_url": v.service_url,
        "date_valid_from": v.date_valid_from,
        "date_review_by": v.date_review_by,
    }


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    entry = _get(user, pk)
    if not permissions.can_write(user, entry.unit):
        raise PermissionDenied("您无权修改该知识条目。")
    if not action_allowed(entry.state, "edit"):
        messages.error(request, "只有草稿可以修改；已发布的条目请先“修订”。")
        return redirect("knowledge:detail", pk=pk)
    status = 200
    if request.method == "POST":
        form = f.EntryForm(request.POST)
        if form.is_valid() and (data := _input(form, user)) is not None:
            entry.version = form.cleaned_data["version"]
            try:
                services.entry_edit(actor=Actor.from_request(request), entry=entry, data=data)
            except ApplicationError as exc:
                _place_errors(form, exc)
                status = exc.status_code
            else:
                messages.success(request, "已保存为新版本。")
                return redirect("knowledge:detail", pk=pk)
        else:
            status = 400
    else:
        form = f.EntryForm(initial=_initial(entry))
    return render(request, "knowledge/staff/form.html", {"form": form, "entry": entry}, status=status)


# --- the entry page and its actions -------------------------------------------------------------


@dataclass(frozen=True)
class ActionSpec:
    form: type[f.VersionedForm]
    perform: Callable[[Actor, KnowledgeEntry, dict[str, Any]], Any]
    done: str
    may: Callable[[User, KnowledgeEntry], bool]


def _may_write(user: User, entry: KnowledgeEntry) -> bool:
    return permissions.can_write(user, entry.unit)


def _may_review(user: User, entry: KnowledgeEntry) -> bool:
    return permissions.can_review(user, entry.unit)


ACTIONS: dict[str, ActionSpec] = {
    "submit": ActionSpec(
        f.VersionedForm, lambda a, e, d: services.entry_submit(actor=a, entry=e), "已提交审核。", _may_write
    ),
    "approve": ActionSpec(
        f.VersionedForm,
        lambda a, e, d: services.entry_approve(actor=a, entry=e),
        "已审核通过并发布，门户、热线和大厅同步更新。",
        lambda u, e: _may_review(u, e) and not permissions.is_author(u, e),
    ),
    "reject": ActionSpec(
        f.ReasonForm,
        lambda a, e, d: services.entry_reject(actor=a, entry=e, reason_text=d["reason"]),
        "已退回修改。",
        _may_review,
    ),
    "revise": ActionSpec(
        f.VersionedForm,
        lambda a, e, d: services.entry_revise(actor=a, entry=e),
        "已创建修订草稿。",
        _may_write,
    ),
    "expire": ActionSpec(
        f.ReasonForm,
        lambda a, e, d: services.entry_expire(actor=a, entry=e, reason_text=d["reason"]),
        "已设为失效，各渠道不再显示。",
        _may_review,
    ),
}


def _available(user: User, entry: KnowledgeEntry) -> list[str]:
    if user.role == Role.EVALUATOR and not user.is_superuser:
        return []
    return [n for n, spec in ACTIONS.items() if action_allowed(entry.state, n) and spec.may(user, entry)]


def _detail(
    request: HttpRequest,
    user: User,
    entry: KnowledgeEntry,
    bound: tuple[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = [
        (
            name,
            ACTION_LABELS[name],
            bound[1]
            if bound and bound[0] == name
            else ACTIONS[name].form(initial={"version": entry.version}),
        )
        for name in _available(user, entry)
    ]
    working = entry.current_version
    return render(
        request,
        "knowledge/staff/detail.html",
        {
            "entry": entry,
            "working": working,
            "working_events": selectors.version_life_events(working) if working else [],
            "working_documents": selectors.version_documents(working) if working else [],
            "action_forms": forms,
            "can_edit": action_allowed(entry.state, "edit") and _may_write(user, entry),
            "is_author": permissions.is_author(user, entry),
            "can_review": _may_review(user, entry),
            "versions": selectors.entry_versions(entry)[:10],
        },
        status=status,
    )


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    return _detail(request, user, _get(user, pk))


@login_required
@require_POST
def entry_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _staff(request)
    entry = _get(user, pk)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("未知的操作。")
    if user.role == Role.EVALUATOR and not user.is_superuser:
        raise PermissionDenied("您无权进行此操作。")
    form = spec.form(request.POST)
    if not form.is_valid():
        return _detail(request, user, entry, bound=(action, form), status=400)
    entry.version = form.cleaned_data["version"]
    try:
        spec.perform(Actor.from_request(request), entry, form.cleaned_data)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        _place_errors(form, exc)
        messages.error(request, exc.message)
        return _detail(request, user, _get(user, pk), bound=(action, form), status=exc.status_code)
    messages.success(request, spec.done)
    return redirect("knowledge:detail", pk=pk)


@login_required
def entry_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every version of the entry, newest first, each in full."""
    user = _staff(request)
    entry = _get(user, pk)
    versions = [
        (v, selectors.version_life_events(v), selectors.version_documents(v))
        for v in selectors.entry_versions(entry)
    ]
    return render(request, "knowledge/staff/history.html", {"entry": entry, "versions": versions})


@login_required
def stale_list(request: HttpRequest) -> HttpResponse:
    """Public entries of my units that are due for review or rely on a lapsed document."""
    user = _staff(request)
    today = get_clock().today()
    lapsed = set(selectors.lapsed_documents().values_list("pk", flat=True))
    rows = []
    for entry in selectors.entries_stale_for_staff(user).prefetch_related("documents"):
        why, note = selectors.stale_reason_for(entry, today=today, lapsed_ids=lapsed)
        rows.append((entry, StaleReason(why).label if why else "", note))
    return render(request, "knowledge/staff/stale.html", {"rows": rows})


@login_required
def console(request: HttpRequest) -> HttpResponse:
    """热线坐席: find an answer quickly while on the phone, read it out or copy it."""
    _staff(request)
    form = f.AskForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.entries_find(q, limit=10) if q else []
    return render(request, "knowledge/staff/console.html", {"form": form, "q": q, "results": results})


@login_required
@require_POST
def propose_from_ticket(request: HttpRequest, ticket_pk: int) -> HttpResponse:
    """提议入库: the reply of a 咨询 becomes a draft entry of the unit that replied (masked)."""
    user = _staff(request)
    try:
        ticket = selectors.ticket_for_proposal(user, ticket_pk)
        entry = services.entry_propose_from_ticket(ticket=ticket, actor=Actor.from_request(request))
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("interaction:detail", pk=ticket_pk)
    messages.success(request, "已根据答复生成知识条目草稿（个人信息已遮蔽），请核对修改后提交审核。")
    return redirect("knowledge:detail", pk=entry.pk)
