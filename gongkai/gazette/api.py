"""API endpoints of gazette (mounted under /api/v1/): public, read-only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from gongkai.api.schemas import answers
from gongkai.gazette.models import GazetteIssue
from gongkai.gazette.selectors import gazette_issue_get, gazette_issue_list, gazette_toc_public

router = Router(tags=["政府公报"])


class GazetteIssueOut(Schema):
    year: int
    number: int
    title: str
    issued_on: dt.date
    pdf_url: str | None
    url: str

    @classmethod
    def fields_of(cls, issue: GazetteIssue, request: HttpRequest) -> dict[str, Any]:
        args = [issue.year, issue.number]
        return {
            "year": issue.year,
            "number": issue.number,
            "title": issue.title,
            "issued_on": issue.issued_on,
            "pdf_url": request.build_absolute_uri(reverse("gazette:pdf", args=args)) if issue.pdf else None,
            "url": request.build_absolute_uri(reverse("gazette:issue", args=args)),
        }


class GazetteItemOut(Schema):
    section: str
    sort_order: int
    document_id: int
    title: str
    doc_number: str
    url: str


class GazetteIssueDetailOut(GazetteIssueOut):
    items: list[GazetteItemOut]


@router.get("/gazette/issues", response=answers(list[GazetteIssueOut]), summary="政府公报各期")  # type: ignore[arg-type]
def list_issues(request: HttpRequest, year: int | None = None) -> list[GazetteIssueOut]:
    """Issues, newest first; ``year`` keeps one year's."""
    return [GazetteIssueOut(**GazetteIssueOut.fields_of(i, request)) for i in gazette_issue_list(year=year)]


@router.get(
    "/gazette/issues/{int:year}/{int:number}", response=answers(GazetteIssueDetailOut), summary="一期政府公报"
)
def get_issue(request: HttpRequest, year: int, number: int) -> GazetteIssueDetailOut:
    """One issue with its table of contents (public documents only)."""
    issue = gazette_issue_get(year, number)
    items = [
        GazetteItemOut(
            section=it.section,
            sort_order=it.sort_order,
            document_id=it.document_id,
            title=it.document.title,
            doc_number=it.document.doc_number,
            url=request.build_absolute_uri(reverse("portal:document", args=[it.document_id])),
        )
        for it in gazette_toc_public(issue)
    ]
    return GazetteIssueDetailOut(**GazetteIssueOut.fields_of(issue, request), items=items)
