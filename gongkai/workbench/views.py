"""Staff pages. Each view parses a form, calls one selector or service, and renders or redirects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts import permissions
from gongkai.accounts.models import User
from gongkai.catalog.choices import PROACTIVE_DISCLOSURE_WORKING_DAYS
from gongkai.catalog.selectors import office_overview as office_overview_rows
from gongkai.catalog.selectors import proactive_due
from gongkai.core.audit import audit_events_search
from gongkai.core.clock import get_clock
from gongkai.core.errors import ApplicationError, NotFound, NotPermitted
from gongkai.documents import services
from gongkai.documents.choices import Status
from gongkai.documents.lifecycle import EDITABLE_STATES
from gongkai.documents.models import Document
from gongkai.documents.selectors import (
    document_get_for_staff,
    document_list_for_staff,
    document_status_counts,
    staff_units,
)
from gongkai.interpretations.selectors import policies_without_interpretation
from gongkai.privacy.services.gate import review_for
from gongkai.workbench.forms import (
    AttachmentForm,
    AuditSearchForm,
    DocumentForm,
    ReasonForm,
    ReviseForm,
    SupersedeForm,
    ValidityForm,
)

BULK_ACTIONS = {"submit": "提交审核", "approve": "审核通过并发布"}
DUE_SOON_WORKING_DAYS = 5


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or (not permissions.is_staff_member(user) and not user.is_superuser):
        raise PermissionDenied("您的账号未关联单位，无法使用工作台。")
    return user


def _doc(request: HttpRequest, pk: int) -> Document:
    try:
        return document_get_for_staff(_user(request), pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc


def _form_errors(form: forms.Form, exc: ApplicationError) -> None:
    if exc.errors:
        for field, msgs in exc.errors.items():
            for msg in msgs:
                form.add_error(field if field in form.fields else None, msg)
    else:
        form.add_error(None, exc.message)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    status = request.GET.get("status", "")
    if status and status not in Status.values:
        status = ""
    text = request.GET.get("q", "").strip()[:100]
    unit_code = request.GET.get("unit", "")
    units = list(staff_units(user))
    unit = next((u for u in units if u.code == unit_code), None)
    qs = document_list_for_staff(user, status=status, unit=unit, text=text)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": Status.choices,
        "counts": document_status_counts(user),
        "units": units,
        "unit": unit,
        "q": text,
        "bulk_actions": BULK_ACTIONS,
        "can_audit": permissions.can_search_audit(user),
        "can_calendar": permissions.can_manage_calendar(user),
        # Art. 26: what must go public soon, so the handler sees it before the office does.
        "due": [d for d in proactive_due(units) if d.overdue or d.days_left <= DUE_SOON_WORKING_DAYS][:10],
    }
    return render(request, "workbench/home.html", context)


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.unit is None or not permissions.can_write(user, user.unit):
        raise PermissionDenied("您的角色不能起草文件。")
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            doc = services.document_create(actor=request.actor, unit=user.unit, data=form.to_input())  # type: ignore[attr-defined]
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "草稿已保存。")
            return redirect("workbench:document", pk=doc.pk)
    return render(request, "workbench/document_form.html", {"form": form, "title": "新建政府信息"})


def _initial(doc: Document) -> dict[str, Any]:
    fields = DocumentForm.base_fields
    return {name: getattr(doc, name) for name in fields if hasattr(doc, name)}


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _doc(request, pk)
    if doc.status not in EDITABLE_STATES:
        messages.error(request, "只有草稿可以直接修改；已发布的文件请使用“修订”。")
        return redirect("workbench:document", pk=doc.pk)
    form = DocumentForm(request.POST or None, initial=_initial(doc))
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(actor=request.actor, document=doc, data=form.to_input())  # type: ignore[attr-defined]
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("workbench:document", pk=doc.pk)
    return render(
        request, "workbench/document_form.html", {"form": form, "title": f"编辑：{doc.title}", "doc": doc}
    )


@login_required
def document_revise(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _doc(request, pk)
    form = ReviseForm(request.POST or None, initial=_initial(doc))
    if request.method == "POST" and form.is_valid():
        try:
            services.document_revise(
                actor=request.actor,  # type: ignore[attr-defined]
                document=doc,
                data=form.to_input(),
                change_note=form.cleaned_data["change_note"],
            )
        except ApplicationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "修订已发布，并记入公开的变更记录。")
            return redirect("workbench:document", pk=doc.pk)
    return render(
        request, "workbench/document_form.html", {"form": form, "title": f"修订：{doc.title}", "doc": doc}
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    doc = _doc(request, pk)
    context = {
        "doc": doc,
        "attachments": list(doc.attachments.all()),
        "versions": list(doc.versions.order_by("-version")),
        "events": list(
            audit_events_search(units=None, object_type="documents.document").filter(object_id=str(doc.pk))
        ),
        "can_write": permissions.can_write(user, doc.unit),
        "can_review": permissions.can_review(user, doc.unit),
        "reason_form": ReasonForm(),
        "validity_form": ValidityForm(initial={"validity": doc.validity}),
        "attachment_form": AttachmentForm(),
        "supersede_form": SupersedeForm(),
        "privacy_review": review_for(doc),
    }
    return render(request, "workbench/document_detail.html", context)


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    doc = _doc(request, pk)
    actor = request.actor  # type: ignore[attr-defined]
    done = {
        "submit": "已提交审核。",
        "approve": "已审核通过。",
        "send_back": "已退回起草人。",
        "withdraw": "已撤回。",
        "reopen": "已转为草稿，可重新编辑。",
        "validity": "有效性已更新。",
        "attach": "附件已上传。",
        "supersede": "已登记替代关系，旧文件的公开页面将指向本文件。",
    }
    try:
        if action == "submit":
            services.document_submit(actor=actor, document=doc)
        elif action == "approve":
            doc = services.document_approve(actor=actor, document=doc)
            if doc.status == Status.SCHEDULED:
                done["approve"] = f"已审核通过，将于 {doc.scheduled_at:%Y-%m-%d %H:%M} 定时发布。"
        elif action in {"send_back", "withdraw"}:
            form = ReasonForm(request.POST)
            reason = form.data.get("reason", "")
            fn = services.document_send_back if action == "send_back" else services.document_withdraw
            fn(actor=actor, document=doc, reason=str(reason))
        elif action == "reopen":
            services.document_reopen(actor=actor, document=doc)
        elif action == "validity":
            vform = ValidityForm(request.POST)
            if not vform.is_valid():
                raise _form_invalid(vform)
            other = None
            if vform.cleaned_data["superseded_by"]:
                other = Document.objects.filter(pk=vform.cleaned_data["superseded_by"]).first()
                if other is None:
                    raise NotFound("替代文件编号不存在。")
            services.document_set_validity(
                actor=actor,
                document=doc,
                validity=vform.cleaned_data["validity"],
                date_changed=vform.cleaned_data["date_changed"],
                superseded_by=other,
            )
        elif action == "supersede":
            sform = SupersedeForm(request.POST)
            if not sform.is_valid():
                raise _form_invalid(sform)
            services.document_supersede(
                actor=actor,
                new_document=doc,
                old_doc_number=sform.cleaned_data["old_doc_number"],
                validity=sform.cleaned_data["validity"],
            )
        elif action == "attach":
            aform = AttachmentForm(request.POST, request.FILES)
            if not aform.is_valid():
                raise _form_invalid(aform)
            services.attachment_add(actor=actor, document=doc, upload=aform.cleaned_data["file"])
        else:
            raise Http404("未知操作。")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done[action])
    return redirect("workbench:document", pk=doc.pk)


def _form_invalid(form: forms.Form) -> ApplicationError:
    msgs = [str(m) for errs in form.errors.values() for m in errs]
    return ApplicationError("；".join(msgs) or "输入有误。")


@login_required
@require_POST
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return _act(request, pk, action)


@login_required
@require_POST
def bulk_action(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    action = request.POST.get("action", "")
    if action not in BULK_ACTIONS:
        messages.error(request, "请选择批量操作。")
        return redirect("workbench:home")
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][:200]
    docs = list(document_list_for_staff(user).filter(pk__in=ids))
    ok, failed = 0, []
    fn = services.document_submit if action == "submit" else services.document_approve
    for doc in docs:
        try:
            fn(actor=request.actor, document=doc)  # type: ignore[attr-defined]
            ok += 1
        except ApplicationError as exc:
            failed.append(f"{doc.title}：{exc.message}")
    if ok:
        messages.success(request, f"{BULK_ACTIONS[action]}：成功 {ok} 件。")
    for msg in failed[:10]:
        messages.error(request, msg)
    if not docs:
        messages.error(request, "没有选中可操作的文件。")
    back = str(request.POST.get("back", ""))
    # Only back into the workbench: never an off-site redirect.
    return redirect(back if back.startswith("/workbench/") else "workbench:home")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not permissions.can_search_audit(user):
        raise PermissionDenied("只有公开办和评估人可以查询审计日志。")
    form = AuditSearchForm(request.GET or None)
    events = None
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if form.is_bound else {}
        qs = audit_events_search(
            units=None if user.is_superuser else staff_units(user),
            text=data.get("text", ""),
            action=data.get("action", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        events = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "workbench/audit_log.html", {"form": form, "page": events})


@login_required
def office_overview(request: HttpRequest) -> HttpResponse:
    """The openness office's supervision page: art. 26 deadlines, empty columns, overdue catalog
    entries and major policies without an interpretation, for the user's unit subtree."""
    user = _user(request)
    if not permissions.can_search_audit(user):
        raise PermissionDenied("只有公开办和评估人可以查看公开监测总览。")
    clock = get_clock()
    units = staff_units(user)
    missing = policies_without_interpretation(None if user.is_superuser else units)
    context = {
        "rows": office_overview_rows(units, clock),
        "today": clock.today(),
        "limit_days": PROACTIVE_DISCLOSURE_WORKING_DAYS,
        "missing_count": missing.count(),
        "missing": list(missing[:20]),
    }
    return render(request, "workbench/office.html", context)
