"""Reads on interpretations and Q&A pairs: public views and the openness office's gap list."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from gongkai.accounts import permissions
from gongkai.accounts.models import Role, User
from gongkai.core.errors import NotFound, NotPermitted
from gongkai.documents.choices import Disclosure, Status, Validity
from gongkai.documents.models import Document
from gongkai.documents.selectors import document_list_public, staff_units
from gongkai.interpretations.models import Interpretation, InterpretationStatus, PolicyQA
from gongkai.units.models import Unit

# "Major policies" that ought to come with an interpretation (解读): the genres that set rules or
# policy for the public — 规章, 规范性文件, 决定, 决议, 命令（令）, 意见, 通知 and 规划 — and that are
# still in force. Notices are included because most municipal policies are issued as 印发…的通知;
# 通报, 函, 批复, 公示 etc. are routine and need none.
MAJOR_POLICY_GENRES: frozenset[str] = frozenset(
    {"规章", "规范性文件", "决定", "决议", "命令（令）", "意见", "通知", "规划"}
)


def _public_documents() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "documents",
        queryset=Document.objects.filter(status=Status.PUBLISHED, disclosure=Disclosure.PROACTIVE)
        .select_related("unit")
        .order_by("-published_at", "-id"),
        to_attr="public_documents",
    )


def interpretation_list_public(*, document: Document | int | None = None) -> QuerySet[Interpretation]:
    """Published interpretations, newest first; with ``document``, only those explaining that policy.

    Each row carries ``public_documents``: its linked policies the public may see."""
    qs = Interpretation.objects.filter(status=InterpretationStatus.PUBLISHED).select_related("unit")
    if document is not None:
        doc_id = document.pk if isinstance(document, Document) else document
        qs = qs.filter(
            documents__pk=doc_id,
            documents__status=Status.PUBLISHED,
            documents__disclosure=Disclosure.PROACTIVE,
        )
    return qs.prefetch_related(_public_documents()).order_by("-published_at", "-id").distinct()


def interpretation_get_public(pk: int) -> Interpretation:
    """One published interpretation, or ``NotFound`` (drafts and withdrawn ones look absent)."""
    item = interpretation_list_public().filter(pk=pk).first()
    if item is None:
        raise NotFound("未找到该政策解读，可能尚未发布或已撤回。")
    return item


def qa_pairs_public(*, document: Document | int | None = None) -> QuerySet[PolicyQA]:
    """Q&A pairs of public policies, in the policy's order; for the portal, the API, search and Q&A."""
    qs = PolicyQA.objects.filter(
        document__status=Status.PUBLISHED, document__disclosure=Disclosure.PROACTIVE
    ).select_related("document")
    if document is not None:
        qs = qs.filter(document_id=document.pk if isinstance(document, Document) else document)
    return qs.order_by("document_id", "sort_order", "id")


def policies_without_interpretation(units: QuerySet[Unit] | None) -> QuerySet[Document]:
    """Public, valid major policies (genre in :data:`MAJOR_POLICY_GENRES`) of ``units`` (``None``:
    all units) that no published interpretation explains yet, oldest first (longest waiting)."""
    published = Interpretation.objects.filter(status=InterpretationStatus.PUBLISHED, documents=OuterRef("pk"))
    qs = document_list_public().filter(genre__in=MAJOR_POLICY_GENRES, validity=Validity.VALID)
    if units is not None:
        qs = qs.filter(unit__in=units)
    return qs.filter(~Exists(published)).order_by("published_at", "id")


def can_see_missing_list(user: User) -> bool:
    """The openness office and evaluators watch the interpretation gap, each in their subtree."""
    return user.is_superuser or (
        permissions.is_staff_member(user) and user.role in {Role.OPENNESS_OFFICE, Role.EVALUATOR}
    )


def interpretation_list_for_staff(user: User) -> QuerySet[Interpretation]:
    """Interpretations of the units the user works for, latest change first."""
    return (
        Interpretation.objects.filter(unit__in=staff_units(user))
        .select_related("unit", "created_by")
        .order_by("-updated_at", "-id")
    )


def interpretation_get_for_staff(user: User, pk: int) -> Interpretation:
    """One interpretation the user may see in the workbench."""
    item = Interpretation.objects.select_related("unit").filter(pk=pk).first()
    if item is None:
        raise NotFound("政策解读不存在。")
    if not permissions.can_read_workbench(user, item.unit):
        raise NotPermitted("您无权查看其他单位的政策解读。")
    return item


def document_for_staff_or_public(user: User, pk: int) -> Document | None:
    """A policy the user may link or annotate: public, or visible to them in the workbench."""
    doc = Document.objects.select_related("unit").filter(pk=pk).first()
    if doc is None:
        return None
    if doc.is_public or permissions.can_read_workbench(user, doc.unit):
        return doc
    return None
