"""The gate's staff pages: a document's review (reviewers of its unit only; every opening is logged)
and the openness office's list of findings per unit (evaluators see counts only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai import privacy
from gongkai.accounts import permissions
from gongkai.accounts.models import User
from gongkai.core.errors import ApplicationError, NotFound, NotPermitted
from gongkai.documents.models import Document
from gongkai.documents.selectors import document_get_for_staff
from gongkai.privacy.forms import DECISION_CHOICES, parse_review_form
from gongkai.privacy.selectors import privacy_decisions_for, privacy_findings_by_unit
from gongkai.privacy.services import (
    GateReport,
    document_subject,
    privacy_review_apply,
    privacy_review_open,
)
from gongkai.privacy.services.gate import BLOCKING_CONFIDENCE


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


@login_required
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _doc(request, pk)
    subject = document_subject(doc)
    actor = request.actor  # type: ignore[attr-defined]
    errors: dict[str, list[str]] = {}
    posted: dict[str, str] = {}
    try:
        if request.method == "POST":
            before = privacy_review_open(actor=actor, subject=subject)
            choices, confirmations = parse_review_form(request.POST, before)
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
                report = before
            else:
                messages.success(
                    request,
                    "处理结果已保存。"
                    + ("请返回文件页面重新审核发布。" if doc.status == "in_review" else ""),
                )
                return redirect("privacy:document", pk=doc.pk)
        else:
            report = privacy_review_open(actor=actor, subject=subject)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "privacy/document_review.html", _context(doc, report, errors, posted))


def _context(doc: Document, report: GateReport, errors: dict[str, list[str]], posted: dict[str, str]) -> dict:  # type: ignore[type-arg]
    rows = []
    for f in report.open_findings:
        chosen = posted.get(f"decision-{f.index}", "mask" if f.maskable else "keep")
        rows.append(
            {
                "f": f,
                "chosen": chosen,
                "replacement": posted.get(f"replacement-{f.index}", ""),
                "reason": posted.get(f"reason-{f.index}", ""),
                "errors": [
                    *errors.get(f"decision-{f.index}", []),
                    *errors.get(f"replacement-{f.index}", []),
                    *errors.get(f"reason-{f.index}", []),
                ],
            }
        )
    files = [
        {"item": i, "errors": errors.get(f"confirm-{i.source}", []),
         "reason": posted.get(f"confirm-reason-{i.source}", "")}
        for i in report.files
    ]  # fmt: skip
    return {
        "doc": doc,
        "report": report,
        "rows": rows,
        "files": files,
        "resolved": [f for f in report.blocking_findings if not f.open],
        "info": report.info_findings,
        "decisions": privacy_decisions_for(report.subject_type, report.subject_id),
        "decision_choices": DECISION_CHOICES,
        "threshold": BLOCKING_CONFIDENCE,
        "label_names": privacy.LABEL_NAMES_ZH,
    }


@login_required
def office(request: HttpRequest) -> HttpResponse:
    """Findings in published documents per unit, from the last scan (counts only for evaluators)."""
    user = _user(request)
    if not permissions.can_search_audit(user):
        raise PermissionDenied("只有公开办和评估人可以查看个人信息检查结果。")
    groups = privacy_findings_by_unit(user)
    for group in groups:
        for review in group.reviews:
            review.labels_zh = "、".join(  # type: ignore[attr-defined]
                f"{privacy.LABEL_NAMES_ZH.get(k, k)} {n}" for k, n in review.label_counts.items()
            )
            review.can_open = (  # type: ignore[attr-defined]
                review.subject_type == "documents.document"
                and review.unit is not None
                and (user.is_superuser or permissions.can_review(user, review.unit))
            )
    return render(request, "privacy/office.html", {"groups": groups})
