"""Staff pages of letters (workbench): draft from the case page, edit (new version each save), check
personal data, send, download any version as Word or PDF. Plain forms, no JavaScript needed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.audit import audit_record
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError
from gongkai.disclosure import permissions
from gongkai.disclosure.letters import services
from gongkai.disclosure.letters.forms import LetterDraftForm, LetterEditForm, VersionForm
from gongkai.disclosure.models import DisclosureRequest, Letter, LetterState, RequestAttachment
from gongkai.disclosure.public_views import letter_download
from gongkai.disclosure.selectors import request_get_for_staff
from gongkai.disclosure.views import _staff
from gongkai.privacy.models import Decision
from gongkai.privacy.services.review import Choice


def _case(request: HttpRequest, pk: int) -> DisclosureRequest:
    user = _staff(request)
    try:
        return request_get_for_staff(user, pk)
    except ApplicationError as exc:
        raise PermissionDenied(exc.message) from exc


def _letter(case: DisclosureRequest, letter_id: int) -> Letter:
    letter = Letter.objects.filter(request=case, pk=letter_id).select_related("request").first()
    if letter is None:
        raise Http404("文书不存在。")
    return letter


@login_required
@require_POST
def letter_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = LetterDraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择文书类型。")
        return redirect("disclosure:detail", pk=pk)
    d = form.cleaned_data
    try:
        letter = services.letter_draft(
            actor=Actor.from_request(request),
            case=case,
            kind=d["kind"],
            reply_type=d["reply_type"],
            reply_reason=d["reply_reason"],
            reply_text=d["reply_text"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("disclosure:detail", pk=pk)
    messages.success(request, "已生成文书草稿，请核对修改后发送。")
    return redirect("disclosure:letter", pk=pk, letter_id=letter.pk)


def _page(
    request: HttpRequest, case: DisclosureRequest, letter: Letter, *, edit: Any = None, status: int = 200
) -> HttpResponse:
    version = letter.current
    report = services.letter_privacy_report(letter) if letter.state == LetterState.DRAFT else None
    if edit is None:
        edit = LetterEditForm(
            initial={
                "version": version.number,
                "title": version.title,
                "salutation": version.salutation,
                "body": version.body,
                "remedies": version.remedies,
                "signature": version.signature,
            }
        )
    user = _staff(request)
    return render(
        request,
        "disclosure/letters/staff_letter.html",
        {
            "case": case,
            "letter": letter,
            "version": version,
            "versions": letter.versions.order_by("-number").select_related("created_by"),
            "edit_form": edit,
            "report": report,
            "can_write": letter.state == LetterState.DRAFT
            and (permissions.can_register(user, case) or permissions.can_handle(user, case)),
        },
        status=status,
    )


@login_required
def letter_detail(request: HttpRequest, pk: int, letter_id: int) -> HttpResponse:
    case = _case(request, pk)
    return _page(request, case, _letter(case, letter_id))


def _expected(request: HttpRequest) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


@login_required
@require_POST
def letter_action(request: HttpRequest, pk: int, letter_id: int, action: str) -> HttpResponse:
    case = _case(request, pk)
    letter = _letter(case, letter_id)
    actor = Actor.from_request(request)
    try:
        if action == "edit":
            form = LetterEditForm(request.POST)
            if not form.is_valid():
                return _page(request, case, letter, edit=form, status=400)
            services.letter_edit(
                actor=actor,
                letter=letter,
                fields=form.cleaned_data,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, "已保存为新版本。")
        elif action == "privacy":
            choices = {}
            for key in request.POST:
                value = request.POST.get(key, "")
                if key.startswith("decision-") and key[9:].isdigit():
                    i = int(key[9:])
                    choices[i] = Choice(
                        value if value in {Decision.MASK, Decision.CUSTOM, Decision.KEEP} else Decision.MASK,
                        request.POST.get(f"replacement-{i}", ""),
                        request.POST.get(f"reason-{i}", ""),
                    )
            services.letter_privacy_resolve(
                actor=actor,
                letter=letter,
                token=request.POST.get("token", ""),
                choices=choices,
                expected_version=_expected(request),
            )
            messages.success(request, "已处理个人信息。")
        elif action == "send":
            services.letter_send(actor=actor, letter=letter, expected_version=_expected(request))
            messages.success(request, "文书已发送，申请人可在查询页面查看和下载。")
        elif action == "discard":
            services.letter_discard(actor=actor, letter=letter)
            messages.success(request, "已删除草稿。")
            return redirect("disclosure:detail", pk=pk)
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _page(request, case, _letter(case, letter_id), status=exc.status_code)
    return redirect("disclosure:letter", pk=pk, letter_id=letter.pk)


@login_required
def letter_file(request: HttpRequest, pk: int, letter_id: int, ext: str) -> HttpResponse:
    case = _case(request, pk)
    letter = _letter(case, letter_id)
    number = request.GET.get("v", "")
    version = letter.versions.filter(number=int(number)).first() if number.isdigit() else letter.current
    if version is None:
        raise Http404("版本不存在。")
    return letter_download(version, ext)


@login_required
def attachment_file(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    """The applicant's attachment: personal data, so only for whoever may see it, and audited."""
    case = _case(request, pk)
    user = _staff(request)
    if not permissions.can_view_personal_data(user, case):
        raise PermissionDenied("申请人的附件仅承办单位和公开办可见。")
    att = RequestAttachment.objects.filter(request=case, pk=attachment_id).first()
    if att is None:
        raise Http404("附件不存在。")
    audit_record(
        actor=Actor.from_request(request),
        action="disclosure.view_attachment",
        obj=case,
        changes={"attachment": att.original_name},
        unit=case.handling_unit,
    )
    response = FileResponse(
        att.file.open("rb"), as_attachment=True, filename=att.original_name, content_type=att.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
