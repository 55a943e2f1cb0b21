"""Anonymous reads: only published, proactively disclosed (主动公开) government information."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from gongkai.api.schemas import (
    DocumentDetailOut,
    DocumentPage,
    DocumentSummaryOut,
    PublicDocumentQuery,
    TopicOut,
    UnitDetailOut,
    UnitOut,
    answers,
    topic_tree,
)
from gongkai.core.errors import NotFound
from gongkai.documents.selectors import document_get_public, document_list_public
from gongkai.units.selectors import unit_get_by_code, unit_list_active

router = Router(tags=["公开信息"])


@router.get("/documents", response=answers(DocumentPage), summary="政府信息列表")
def list_documents(request: HttpRequest, filters: Query[PublicDocumentQuery]) -> DocumentPage:
    """Public documents, newest first, filtered and paginated."""
    qs = document_list_public(filters.to_filters())
    count, num_pages, rows = filters.slice(qs)
    return DocumentPage(
        count=count,
        page=filters.page,
        page_size=filters.page_size,
        num_pages=num_pages,
        results=[DocumentSummaryOut.of(d, request) for d in rows],
    )


@router.get("/documents/{int:document_id}", response=answers(DocumentDetailOut), summary="政府信息详情")
def get_document(request: HttpRequest, document_id: int) -> DocumentDetailOut:
    """One public document with its full metadata; anything not public answers 404."""
    return DocumentDetailOut.of(document_get_public(document_id), request)


@router.get("/units", response=list[UnitOut], summary="组织机构")
def list_units(request: HttpRequest) -> list[UnitOut]:
    """Every active unit in tree order (parents before their children)."""
    return [UnitOut.of(u) for u in unit_list_active()]


@router.get("/units/{code}", response=answers(UnitDetailOut), summary="单位详情")
def get_unit(request: HttpRequest, code: str) -> UnitDetailOut:
    """One unit with its parent and direct children."""
    unit = unit_get_by_code(code)
    if unit is None:
        raise NotFound(f"未找到机构代码为 {code} 的单位。")
    return UnitDetailOut.with_children(unit, list(unit_list_active().filter(parent=unit)))


@router.get("/topics", response=list[TopicOut], summary="主题分类")
def list_topics(request: HttpRequest) -> list[TopicOut]:
    """The 22 first-level 主题分类 and their second level."""
    return topic_tree()
