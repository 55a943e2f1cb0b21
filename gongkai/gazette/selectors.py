"""Reads on the 政府公报 for the portal and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.accounts import permissions
from gongkai.accounts.models import Role, User
from gongkai.core.errors import InvalidInput, NotFound
from gongkai.documents.choices import Disclosure, Status
from gongkai.documents.docnumber import normalise_doc_number
from gongkai.documents.models import Document
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


# --- staff reads ---------------------------------------------------------------------------------


def can_see_gazette_workbench(user: User) -> bool:
    """The openness office edits the gazette; evaluators may look at it; other roles do not see it."""
    if user.is_superuser:
        return True
    return permissions.is_staff_member(user) and user.role in {Role.OPENNESS_OFFICE, Role.EVALUATOR}


def can_edit_gazette(user: User) -> bool:
    return user.is_superuser or (permissions.is_staff_member(user) and user.role == Role.OPENNESS_OFFICE)


def gazette_issue_get_by_id(pk: int) -> GazetteIssue:
    issue = GazetteIssue.objects.filter(pk=pk).first()
    if issue is None:
        raise NotFound("未找到该期政府公报。")
    return issue


def gazette_item_get(pk: int) -> GazetteItem:
    item = GazetteItem.objects.select_related("issue", "document", "document__unit").filter(pk=pk).first()
    if item is None:
        raise NotFound("未找到该公报目录条目。")
    return item


def gazette_toc_for_staff(issue: GazetteIssue) -> QuerySet[GazetteItem]:
    """The whole table of contents, including documents withdrawn since (staff must see them)."""
    return issue.items.select_related("document", "document__unit").order_by("sort_order", "id")


def gazette_document_find(ref: str) -> Document:
    """The document named by ``ref``: its 文件编号, or its 发文字号 (public documents preferred, since a
    number is unique only within a unit). Whether it may go into the gazette is the service's rule."""
    ref = (ref or "").strip()
    if ref.isdigit():
        doc = Document.objects.select_related("unit").filter(pk=int(ref)).first()
        if doc is None:
            raise InvalidInput(f"未找到编号为 {ref} 的文件。", field="document")
        return doc
    number = normalise_doc_number(ref)
    if not number:
        raise InvalidInput("请填写文件编号或发文字号（如 苏府办〔2018〕193号）。", field="document")
    candidates = Document.objects.select_related("unit").filter(doc_number=number)
    public = list(candidates.filter(status=Status.PUBLISHED, disclosure=Disclosure.PROACTIVE)[:2])
    if len(public) > 1:
        raise InvalidInput(f"发文字号 {number} 对应多份已公开文件，请改用文件编号。", field="document")
    doc = public[0] if public else candidates.order_by("pk").first()
    if doc is None:
        raise InvalidInput(f"未找到发文字号为 {number} 的文件。", field="document")
    return doc
