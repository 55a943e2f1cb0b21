"""Reads on the 政府公报 for the portal and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.core.errors import NotFound
from gongkai.documents.choices import Disclosure, Status
from gongkai.gazette.models import GazetteIssue, GazetteItem


def gazette_years() -> list[int]:
    """Years that have at least one issue, newest first."""
    return list(GazetteIssue.objects.order_by("-year").values_list("year", flat=True).distinct())


def gazette_issue_list(*, year: int | None = None) -> QuerySet[GazetteIssue]:
    """Issues, newest first; of one year when given."""
    qs = GazetteIssue.objects.all()
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-number")


def gazette_issue_get(year: int, number: int) -> GazetteIssue:
    """One issue, or ``NotFound``."""
    issue = GazetteIssue.objects.filter(year=year, number=number).first()
    if issue is None:
        raise NotFound(f"未找到{year}年第{number}期政府公报。")
    return issue


def gazette_toc_public(issue: GazetteIssue) -> QuerySet[GazetteItem]:
    """The issue's table of contents, in order, leaving out documents no longer public (withdrawn
    after the issue came out: the portal must not link to them)."""
    return (
        issue.items.filter(document__status=Status.PUBLISHED, document__disclosure=Disclosure.PROACTIVE)
        .select_related("document", "document__unit")
        .order_by("sort_order", "id")
    )
