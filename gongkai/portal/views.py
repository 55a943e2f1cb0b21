"""Public pages. Each view parses input, calls one selector and renders."""

from __future__ import annotations

from urllib.parse import urlparse

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.errors import NotFound
from gongkai.documents.choices import FIRST_LEVEL_TOPICS, TOPIC_LABELS, Validity, topic_tree
from gongkai.documents.selectors import (
    PublicFilters,
    document_get_public,
    document_list_public,
    document_list_replaced_by,
)
from gongkai.portal.context_processors import LARGE_TEXT_COOKIE
from gongkai.units.selectors import unit_get_by_code, unit_list_active

PAGE_SIZE = 20


def _page(request: HttpRequest, qs, size: int = PAGE_SIZE):  # type: ignore[no-untyped-def]
    return Paginator(qs, size).get_page(request.GET.get("page"))


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    latest = list(document_list_public()[:12])
    units = [u for u in unit_list_active() if u.depth <= 1]
    return render(
        request, "portal/home.html", {"latest": latest, "units": units, "topics": FIRST_LEVEL_TOPICS}
    )


@require_GET
def unit_index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/unit_index.html", {"units": unit_list_active()})


@require_GET
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get_by_code(code)
    if unit is None:
        raise Http404("没有这个单位。")
    current_rules = request.GET.get("current_rules") == "1"
    filters = PublicFilters(
        unit=unit,
        include_subunits=request.GET.get("sub") == "1",
        # "现行有效规范性文件": the unit's normative documents still in force, one click away.
        genre="规范性文件" if current_rules else "",
        validity=Validity.VALID if current_rules else "",
    )
    page = _page(request, document_list_public(filters))
    context = {"unit": unit, "page": page, "current_rules": current_rules}
    return render(request, "portal/unit_detail.html", context)


@require_GET
def topic_index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/topic_index.html", {"topics": topic_tree()})


@require_GET
def topic_detail(request: HttpRequest, code: str) -> HttpResponse:
    if code not in TOPIC_LABELS:
        raise Http404("没有这个主题分类。")
    qs = document_list_public(PublicFilters(topic=code))
    return render(
        request,
        "portal/topic_detail.html",
        {"code": code, "label": TOPIC_LABELS[code], "page": _page(request, qs)},
    )


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        doc = document_get_public(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context = {
        "doc": doc,
        "attachments": list(doc.attachments.all()),
        "versions": list(doc.versions.order_by("version")),
        "replaced": document_list_replaced_by(doc),
        "lapsed": doc.validity in {Validity.EXPIRED, Validity.REPEALED},
        "paragraphs": [p for p in doc.body.split("\n") if p.strip()],
    }
    return render(request, "portal/document_detail.html", context)


@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    try:
        doc = document_get_public(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    attachment = doc.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("附件不存在。")
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    return response


@require_GET
def large_text(request: HttpRequest) -> HttpResponse:
    """Switch the large-text (适老化) mode with a plain link, so it works without JavaScript."""
    target = request.GET.get("next", "/")
    if urlparse(target).netloc or not target.startswith("/"):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("on") == "1":
        response.set_cookie(LARGE_TEXT_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(LARGE_TEXT_COOKIE)
    return response
