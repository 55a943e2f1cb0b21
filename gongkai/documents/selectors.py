"""Reads on documents: what the public may see, and what a staff member may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongkai.accounts import permissions
from gongkai.accounts.models import Role, User
from gongkai.core.errors import NotFound, NotPermitted
from gongkai.documents.choices import Disclosure, Status
from gongkai.documents.docnumber import normalise_doc_number
from gongkai.documents.models import Document
from gongkai.units.models import Unit
from gongkai.units.selectors import unit_subtree


@dataclass(frozen=True)
class PublicFilters:
    unit: Unit | None = None
    include_subunits: bool = False
    topic: str = ""
    year: int | None = None
    validity: str = ""
    genre: str = ""
    text: str = ""


def document_list_public(filters: PublicFilters | None = None) -> QuerySet[Document]:
    """Published, proactively disclosed documents, newest first."""
    f = filters or PublicFilters()
    qs = Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.PROACTIVE).select_related(
        "unit"
    )
    if f.unit is not None:
        qs = qs.filter(unit__in=unit_subtree(f.unit)) if f.include_subunits else qs.filter(unit=f.unit)
    if f.topic:
        if len(f.topic) == 2:
            # A first-level code covers its second level ("02", "0201" …): a range keeps the index usable.
            qs = qs.filter(topic__gte=f.topic, topic__lt=f"{int(f.topic) + 1:02d}")
        else:
            qs = qs.filter(topic=f.topic)
    if f.year:
        qs = qs.filter(published_at__year=f.year)
    if f.validity:
        qs = qs.filter(validity=f.validity)
    if f.genre:
        qs = qs.filter(genre=f.genre)
    if f.text:
        number = normalise_doc_number(f.text)
        cond = Q(title__icontains=f.text) | Q(keywords__icontains=f.text)
        if number:
            cond |= Q(doc_number=number)
        qs = qs.filter(cond)
    return qs.order_by("-published_at", "-id")


def document_get_public(pk: int) -> Document:
    """One public document, or ``NotFound`` (drafts, withdrawn and non-public records look absent)."""
    doc = (
        Document.objects.select_related("unit", "superseded_by")
        .filter(pk=pk, status=Status.PUBLISHED, disclosure=Disclosure.PROACTIVE)
        .first()
    )
    if doc is None:
        raise NotFound("未找到该政府信息，可能尚未发布或已撤回。")
    return doc


def document_list_replaced_by(document: Document) -> list[Document]:
    """Public documents that ``document`` replaced (their 有效性 names it as the successor)."""
    # Filter on the foreign key alone first: with the public-list ordering SQLite would walk the
    # whole status index instead of the few rows pointing at this document.
    candidates = Document.objects.filter(superseded_by=document).order_by()
    return sorted(
        (d for d in candidates if d.is_public), key=lambda d: d.published_at or d.created_at, reverse=True
    )


def document_get_public_by_number(doc_number: str) -> Document | None:
    number = normalise_doc_number(doc_number)
    if not number:
        return None
    return document_list_public().filter(doc_number=number).first()


def staff_units(user: User) -> QuerySet[Unit]:
    """The units whose work the user sees: own unit for handlers, the subtree for the others."""
    if user.is_superuser:
        return Unit.objects.all()
    if user.unit is None:
        return Unit.objects.none()
    if user.role == Role.HANDLER:
        return Unit.objects.filter(pk=user.unit.pk)
    return unit_subtree(user.unit)


def document_list_for_staff(
    user: User, *, status: str = "", unit: Unit | None = None, text: str = ""
) -> QuerySet[Document]:
    """Documents of the user's units, optionally filtered by state, unit and text."""
    qs = Document.objects.filter(unit__in=staff_units(user)).select_related("unit", "created_by")
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if text:
        qs = qs.filter(
            Q(title__icontains=text) | Q(doc_number__icontains=text) | Q(index_number__icontains=text)
        )
    return qs.order_by("-updated_at", "-id")


def document_get_for_staff(user: User, pk: int) -> Document:
    doc = (
        Document.objects.select_related("unit", "created_by", "submitted_by", "superseded_by")
        .filter(pk=pk)
        .first()
    )
    if doc is None:
        raise NotFound("文件不存在。")
    if not permissions.can_read_workbench(user, doc.unit):
        raise NotPermitted("您无权查看其他单位的文件。")
    return doc


def document_status_counts(user: User) -> dict[str, int]:
    """How many of the user's documents sit in each state (for the workbench tabs)."""
    counts = dict.fromkeys(Status.values, 0)
    for row in document_list_for_staff(user).order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts
