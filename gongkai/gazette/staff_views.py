"""Workbench pages of the 政府公报: the openness office edits issues and their tables of contents;
evaluators may look; other roles are refused. Views parse, call one selector or service, redirect."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts import permissions
from gongkai.accounts.models import User
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError, NotFound, NotPermitted
from gongkai.gazette import services
from gongkai.gazette.forms import IssueForm, ItemAddForm, ItemUpdateForm
from gongkai.gazette.models import GazetteIssue, GazetteItem
from gongkai.gazette.selectors import (
    can_edit_gazette,
    can_see_gazette_workbench,
    gazette_document_find,
    gazette_issue_get_by_id,
    gazette_issue_list,
    gazette_item_get,
    gazette_toc_for_staff,
)

READ_ONLY = "只有公开办可以编辑政府公报。"


def _user(request: HttpRequest, *, edit: bool = False) -> User:
    user = request.user
    if not isinstance(user, User) or (not permissions.is_staff_member(user) and not user.is_superuser):
        raise PermissionDenied("您的账号未关联单位，无法使用工作台。")
    if not can_see_gazette_workbench(user):
        raise PermissionDenied("只有公开办和评估人可以进入政府公报管理。")
    if edit and not can_edit_gazette(user):
        raise PermissionDenied(READ_ONLY)
    return user


def _issue(pk: int) -> GazetteIssue:
    try:
        return gazette_issue_get_by_id(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _item(pk: int) -> GazetteItem:
    try:
        return gazette_item_get(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _show_errors(form: forms.Form, exc: ApplicationError) -> None:
    if exc.errors:
        for field, msgs in exc.errors.items():
            for msg in msgs:
                form.add_error(field if field in form.fields else None, msg)
    else:
        form.add_error(None, exc.message)


def _apply(request: HttpRequest, action: Callable[[], object], done: str) -> None:
    try:
        action()
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)


def _form_error(form: forms.Form) -> str:
    return "；".join(str(m) for errs in form.errors.values() for m in errs) or "输入有误。"


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = {"issues": list(gazette_issue_list()), "can_edit": can_edit_gazette(user)}
    return render(request, "gazette/manage_list.html", context)


@login_required
def manage_new(request: HttpRequest) -> HttpResponse:
    _user(request, edit=True)
    form = IssueForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            issue = services.gazette_issue_create(
                actor=Actor.from_request(request),
                year=d["year"],
                number=d["number"],
                issued_on=d["issued_on"],
                title=d["title"],
                pdf=d["pdf"],
            )
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, f"已新建{issue.title}。")
            return redirect("gazette:manage_issue", pk=issue.pk)
    return render(request, "gazette/manage_form.html", {"form": form, "title": "新建一期政府公报"})


@login_required
def manage_issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    issue = _issue(pk)
    context = {
        "issue": issue,
        "items": list(gazette_toc_for_staff(issue)),
        "can_edit": can_edit_gazette(user),
        "add_form": ItemAddForm(),
    }
    return render(request, "gazette/manage_issue.html", context)


@login_required
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _user(request, edit=True)
    issue = _issue(pk)
    initial = {"year": issue.year, "number": issue.number, "issued_on": issue.issued_on, "title": issue.title}
    form = IssueForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.gazette_issue_update(
                actor=Actor.from_request(request),
                issue=issue,
                year=d["year"],
                number=d["number"],
                issued_on=d["issued_on"],
                title=d["title"],
                pdf=d["pdf"],
            )
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("gazette:manage_issue", pk=issue.pk)
    context = {"form": form, "title": f"编辑：{issue.title}", "issue": issue}
    return render(request, "gazette/manage_form.html", context)


@login_required
@require_POST
def manage_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    _user(request, edit=True)
    issue = _issue(pk)
    form = ItemAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return redirect("gazette:manage_issue", pk=issue.pk)
    d = form.cleaned_data
    actor = Actor.from_request(request)

    def add() -> object:
        document = gazette_document_find(d["document"])
        return services.gazette_item_add(
            actor=actor, issue=issue, document=document, section=d["section"], sort_order=d["sort_order"]
        )

    _apply(request, add, "已收入本期目录。")
    return redirect("gazette:manage_issue", pk=issue.pk)


@login_required
@require_POST
def manage_item_update(request: HttpRequest, item_id: int) -> HttpResponse:
    _user(request, edit=True)
    item = _item(item_id)
    form = ItemUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_error(form))
    else:
        d = form.cleaned_data
        actor = Actor.from_request(request)
        _apply(
            request,
            lambda: services.gazette_item_update(
                actor=actor, item=item, section=d["section"], sort_order=d["sort_order"]
            ),
            "目录条目已更新。",
        )
    return redirect("gazette:manage_issue", pk=item.issue_id)


@login_required
@require_POST
def manage_item_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    _user(request, edit=True)
    item = _item(item_id)
    actor = Actor.from_request(request)
    _apply(
        request,
        lambda: services.gazette_item_remove(actor=actor, item=item),
        f"已将《{item.document.title}》移出本期目录。",
    )
    return redirect("gazette:manage_issue", pk=item.issue_id)
