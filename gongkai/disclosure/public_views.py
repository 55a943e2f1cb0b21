"""Public pages of 依申请公开 (``/yisqgk/``): the online application form, the one-time receipt, and
the tracking page (code + query password) with 补正 online and the letters. No login, no JavaScript.

A successful look-up remembers the case in the visitor's session (the code and the password's hash,
re-checked on every page), so the tracking page, the correction form and the downloads need no
password in the URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core.clock import get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError
from gongkai.disclosure.choices import State
from gongkai.disclosure.clock import CaseClock
from gongkai.disclosure.forms_public import (
    HONEYPOT,
    ApplicationForm,
    CorrectionForm,
    LookupForm,
    describe_fields,
    new_form_token,
    read_form_token,
)
from gongkai.disclosure.letters.export import filename, to_docx, to_pdf
from gongkai.disclosure.models import (
    DisclosureRequest,
    Letter,
    LetterState,
    LetterVersion,
    RequestAttachment,
)
from gongkai.disclosure.selectors import request_clock, request_get_by_code
from gongkai.disclosure.services.public import (
    DuplicateSubmission,
    request_correct_online,
    request_file_online,
    request_lookup,
    session_matches,
)

SESSION_CASES = "yisqgk_cases"
SESSION_RECEIPT = "yisqgk_receipt"
MAX_REMEMBERED = 5


def _place_errors(form: Any, exc: ApplicationError) -> None:
    placed = False
    for field, msgs in exc.errors.items():
        target = "phone" if field == "contact" else field
        if target in form.fields:
            for m in msgs:
                form.add_error(target, m)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "disclosure/public/index.html")


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """The application form (art. 29): errors in Chinese next to each field, input kept."""
    status = 200
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES)
        token = read_form_token(request.POST.get("form_token", ""))
        if form.bot:
            form.add_error(None, "提交未成功，请检查后重试。")
            status = 400
        elif token is None:
            form.add_error(None, "表单已过期，请核对内容后重新提交。")
            status = 400
        elif form.is_valid():
            try:
                created = request_file_online(
                    actor=Actor.from_request(request),
                    data=form.to_input(),
                    addressee_unit=form.cleaned_data["addressee_unit"],
                    uploads=request.FILES.getlist("attachments"),
                    form_token=token,
                )
            except DuplicateSubmission as exc:
                receipt = request.session.get(SESSION_RECEIPT)
                if receipt and receipt.get("code") == exc.request.tracking_code:
                    return redirect("yisqgk:receipt")
                return render(
                    request,
                    "disclosure/public/duplicate.html",
                    {"code": exc.request.tracking_code},
                    status=409,
                )
            except ApplicationError as exc:
                _place_errors(form, exc)
                status = exc.status_code
            else:
                case = created.request
                request.session[SESSION_RECEIPT] = {"code": case.tracking_code, "secret": created.secret}
                _remember(request, case)
                return redirect("yisqgk:receipt")
        else:
            status = 400
        # a fresh token for the corrected form; the user's input stays in the bound form
        data = request.POST.copy()
        data["form_token"] = new_form_token()
        data[HONEYPOT] = ""
        form.data = data
    else:
        form = ApplicationForm(initial={"form_token": new_form_token()})
    describe_fields(form)
    return render(request, "disclosure/public/apply.html", {"form": form}, status=status)


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The tracking code and the query password, shown this once (then dropped from the session)."""
    data = request.session.pop(SESSION_RECEIPT, None)
    if not data:
        return redirect("yisqgk:track")
    case = request_get_by_code(data["code"])
    if case is None:
        raise Http404
    response = render(
        request,
        "disclosure/public/receipt.html",
        {"case": case, "code": data["code"], "secret": data["secret"]},
    )
    return response


def _remember(request: HttpRequest, case: DisclosureRequest) -> None:
    cases = dict(request.session.get(SESSION_CASES, {}))
    cases.pop(case.tracking_code, None)
    cases[case.tracking_code] = case.secret_hash
    request.session[SESSION_CASES] = dict(list(cases.items())[-MAX_REMEMBERED:])


def _case_for(request: HttpRequest, code: str) -> DisclosureRequest | None:
    stored = request.session.get(SESSION_CASES, {}).get(code.upper(), "")
    if not stored:
        return None
    case = request_get_by_code(code)
    if case is None or not session_matches(case, stored):
        return None
    return case


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            try:
                case = request_lookup(
                    tracking_code=form.cleaned_data["tracking_code"],
                    secret=form.cleaned_data["secret"],
                    ip=Actor.from_request(request).ip,
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                request.session.cycle_key()
                _remember(request, case)
                return redirect("yisqgk:case", code=case.tracking_code)
        else:
            status = 400
    else:
        form = LookupForm()
    describe_fields(form)
    return render(request, "disclosure/public/track.html", {"form": form}, status=status)


@require_POST
def track_leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_CASES, None)
    messages.success(request, "已退出查询。")
    return redirect("yisqgk:track")


def _cn(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def plain_status(case: DisclosureRequest, clock: CaseClock) -> list[str]:
    """The state of the case in plain words for the applicant."""
    lines: list[str] = []
    s = case.state
    if s == State.RECEIVED:
        lines.append(
            "您的申请已在线提交，正等待受理机关确认收到。受理机关确认之日即为收到申请之日，答复期限自次日起计算。"
        )
        return lines
    if clock.date_first_received:
        lines.append(f"受理机关已于{_cn(clock.date_first_received)}确认收到您的申请。")
    if s == State.CORRECTION_REQUESTED:
        due = clock.correction_due.date if clock.correction_due else None
        lines.append(
            f"受理机关要求您补正申请（见下方补正告知书）。请在{_cn(due)}前补正；"
            "补正期间答复期限暂停计算，收到补正后重新计算。逾期无正当理由不补正的，视为放弃申请。"
        )
    elif s == State.DEEMED_WITHDRAWN:
        lines.append("因未在补正期限内补正，您的申请视为放弃，受理机关不再处理。")
    elif s == State.FEE_ABANDONED:
        lines.append("因未在期限内缴纳信息处理费，您的申请视为放弃，受理机关不再处理。")
    elif s in {State.REPLIED, State.CLOSED}:
        lines.append(
            f"受理机关已于{_cn(case.date_replied)}作出答复：{case.reply_label}。请查看下方答复告知书。"
        )
    else:
        if case.corrected_text and clock.date_start:
            lines.append(f"受理机关已于{_cn(clock.date_start)}收到您的补正，答复期限自该日起重新计算。")
        due = clock.reply_due.date if clock.reply_due else None
        if clock.phase == "paused":
            cause = clock.open_pause.cause if clock.open_pause else ""
            what = "缴纳信息处理费" if cause == "fee" else "征求第三方或有关机关意见"
            lines.append(
                f"目前正在{what}，这段时间不计入答复期限。恢复计算后还剩 {clock.working_days_left} 个工作日。"
            )
        elif clock.overdue:
            lines.append(
                f"答复期限已于{_cn(due)}届满，已超过 {clock.working_days_overdue} 个工作日。"
                "您可以向受理机关询问，或依法投诉、申请行政复议。"
            )
        elif due is not None:
            lines.append(
                f"受理机关应在{_cn(due)}前答复您，还剩 {clock.working_days_left} 个工作日（不含节假日）。"
            )
        if clock.extension_working_days:
            lines.append(
                f"经批准，答复期限已延长 {clock.extension_working_days} 个工作日（见下方延期答复告知书）。"
            )
    if not clock.certain:
        lines.append("（有关年份的节假日安排尚未公布，日期可能调整。）")
    return lines


def _public_letters(case: DisclosureRequest) -> list[tuple[Letter, LetterVersion]]:
    letters = Letter.objects.filter(request=case, state=LetterState.SENT).order_by("sent_at", "id")
    return [(letter, letter.current) for letter in letters if letter.addressed_to_applicant]


@never_cache
def case_page(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for(request, code)
    if case is None:
        messages.error(request, "请输入查询编号和查询码。")
        return redirect("yisqgk:track")
    return _case_render(request, case, CorrectionForm())


def _case_render(
    request: HttpRequest, case: DisclosureRequest, form: CorrectionForm, status: int = 200
) -> HttpResponse:
    clock = request_clock(case, clock=get_clock())
    describe_fields(form)
    return render(
        request,
        "disclosure/public/case.html",
        {
            "case": case,
            "clock": clock,
            "status_lines": plain_status(case, clock),
            "letters": _public_letters(case),
            "correction_form": form if case.state == State.CORRECTION_REQUESTED else None,
            "attachments": RequestAttachment.objects.filter(request=case).order_by("id"),
        },
        status=status,
    )


@require_POST
def correction(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for(request, code)
    if case is None:
        messages.error(request, "请输入查询编号和查询码。")
        return redirect("yisqgk:track")
    form = CorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            request_correct_online(
                actor=Actor.from_request(request),
                case=case,
                corrected_text=form.cleaned_data["corrected_text"],
                late_reason=form.cleaned_data["late_reason"],
                uploads=request.FILES.getlist("attachments"),
            )
        except ApplicationError as exc:
            _place_errors(form, exc)
            return _case_render(request, request_get_by_code(code) or case, form, status=exc.status_code)
        messages.success(request, "补正已提交，答复期限自今日起重新计算。")
        return redirect("yisqgk:case", code=case.tracking_code)
    return _case_render(request, case, form, status=400)


def _letter(request: HttpRequest, code: str, letter_id: int) -> LetterVersion:
    case = _case_for(request, code)
    if case is None:
        raise Http404("请先输入查询编号和查询码。")
    for letter, version in _public_letters(case):
        if letter.pk == letter_id:
            return version
    raise Http404("文书不存在。")


@never_cache
def letter_view(request: HttpRequest, code: str, letter_id: int) -> HttpResponse:
    version = _letter(request, code, letter_id)
    return render(
        request,
        "disclosure/letters/letter.html",
        {"version": version, "letter": version.letter, "public": True},
    )


def letter_file(request: HttpRequest, code: str, letter_id: int, ext: str) -> HttpResponse:
    version = _letter(request, code, letter_id)
    return letter_download(version, ext)


def letter_download(version: LetterVersion, ext: str) -> HttpResponse:
    from urllib.parse import quote

    if ext == "pdf":
        data, mime = to_pdf(version), "application/pdf"
    elif ext == "docx":
        data = to_docx(version)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    response = HttpResponse(data, content_type=mime)
    name = filename(version, ext)
    response["Content-Disposition"] = f"attachment; filename=\"letter.{ext}\"; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
