"""Public gazette pages: browse by year, one issue with its table of contents, its PDF."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.errors import NotFound
from gongkai.gazette.models import GazetteIssue
from gongkai.gazette.selectors import gazette_issue_get, gazette_issue_list, gazette_toc_public, gazette_years


def _issue(year: int, number: int) -> GazetteIssue:
    try:
        return gazette_issue_get(year, number)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@require_GET
def gazette_index(request: HttpRequest, year: int | None = None) -> HttpResponse:
    years = gazette_years()
    if year is None:
        year = years[0] if years else None
    elif year not in years:
        raise Http404("该年份没有政府公报。")
    issues = list(gazette_issue_list(year=year)) if year is not None else []
    return render(request, "gazette/index.html", {"years": years, "year": year, "issues": issues})


@require_GET
def gazette_issue(request: HttpRequest, year: int, number: int) -> HttpResponse:
    issue = _issue(year, number)
    return render(request, "gazette/issue.html", {"issue": issue, "items": list(gazette_toc_public(issue))})


@require_GET
def gazette_pdf(request: HttpRequest, year: int, number: int) -> FileResponse:
    issue = _issue(year, number)
    if not issue.pdf:
        raise Http404("本期公报没有 PDF 版。")
    return FileResponse(
        issue.pdf.open("rb"), content_type="application/pdf", filename=f"gazette-{year}-{number}.pdf"
    )
