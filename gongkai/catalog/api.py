"""API endpoints of catalog (mounted under /api/v1/): public, read-only."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gongkai.api.schemas import DocumentSummaryOut, Page, Pagination, UnitRef, answers
from gongkai.catalog.models import CatalogEntry
from gongkai.catalog.selectors import (
    TreeNode,
    catalog_entries,
    catalog_node_documents_public,
    catalog_node_get,
    catalog_tree,
    domain_get,
    grassroots_domains,
)
from gongkai.core.errors import NotFound
from gongkai.units.models import Unit
from gongkai.units.selectors import unit_get_by_code

router = Router(tags=["公开目录"])


class NodeOut(Schema):
    id: int
    name: str = Field(..., description="栏目名称")
    code: str = Field(..., description="栏目代码（标准栏目）")
    document_count: int = Field(..., description="本栏目及下级栏目中已公开的政府信息数")
    children: list[NodeOut]

    @classmethod
    def of(cls, t: TreeNode) -> NodeOut:
        return cls(
            id=t.node.pk,
            name=t.node.name,
            code=t.node.code,
            document_count=t.total,
            children=[cls.of(c) for c in t.children],
        )


class CatalogTreeOut(Schema):
    unit: UnitRef
    nodes: list[NodeOut]


class NodeDocumentPage(Page):
    node: NodeOut
    results: list[DocumentSummaryOut]


class DomainOut(Schema):
    number: int = Field(..., description="序号")
    name: str = Field(..., description="领域")
    entry_count: int = Field(..., description="公开事项数")


class EntryOut(Schema):
    id: int
    domain: DomainOut
    unit: UnitRef = Field(..., description="公开主体")
    item: str = Field(..., description="公开事项（一级）")
    sub_item: str = Field(..., description="公开事项（二级）")
    content: str = Field(..., description="公开内容")
    basis: str = Field(..., description="公开依据")
    time_limit: str = Field(..., description="公开时限")
    time_limit_days: int | None = Field(None, description="公开时限（工作日），无固定时限为 null")
    channels: list[str] = Field(..., description="公开渠道和载体")
    audience: str = Field(..., description="公开对象")
    method: str = Field(..., description="公开方式")
    level: str = Field(..., description="公开层级")
    document_ids: list[int] = Field(..., description="对应的已公开政府信息")

    @classmethod
    def of(cls, e: CatalogEntry) -> EntryOut:
        public_ids = [d.pk for d in e.documents.all() if d.is_public]
        return cls(
            id=e.pk,
            domain=DomainOut(number=e.domain.number, name=e.domain.name, entry_count=0),
            unit=UnitRef.of(e.unit),
            item=e.item,
            sub_item=e.sub_item,
            content=e.content,
            basis=e.basis,
            time_limit=e.time_limit_text,
            time_limit_days=e.time_limit_days,
            channels=list(e.channels),
            audience=e.get_audience_display(),  # type: ignore[attr-defined]
            method=e.get_method_display(),  # type: ignore[attr-defined]
            level=e.get_level_display(),  # type: ignore[attr-defined]
            document_ids=public_ids,
        )


class EntryQuery(Schema):
    unit: str = Field("", max_length=18, description="公开主体的机构代码")
    domain: int | None = Field(None, ge=1, description="领域序号（1–26）")


def _unit(code: str) -> Unit:
    unit = unit_get_by_code(code)
    if unit is None:
        raise NotFound(f"未找到机构代码为 {code} 的单位。")
    return unit


@router.get("/catalog/units/{code}/nodes", response=answers(CatalogTreeOut), summary="单位主动公开目录")
def unit_nodes(request: HttpRequest, code: str) -> CatalogTreeOut:
    """The unit's catalogue tree with the number of public documents per column."""
    unit = _unit(code)
    return CatalogTreeOut(unit=UnitRef.of(unit), nodes=[NodeOut.of(t) for t in catalog_tree(unit)])


@router.get(
    "/catalog/nodes/{int:node_id}/documents",
    response=answers(NodeDocumentPage),
    summary="目录栏目下的政府信息",
)
def node_documents(request: HttpRequest, node_id: int, filters: Query[Pagination]) -> NodeDocumentPage:
    """Public documents filed under a column (and its sub-columns), newest first."""
    node = catalog_node_get(node_id)
    count, num_pages, rows = filters.slice(catalog_node_documents_public(node))
    tree = next((t for t in _walk(catalog_tree(node.unit)) if t.node.pk == node.pk), None)
    total = tree.total if tree else count
    return NodeDocumentPage(
        node=NodeOut(id=node.pk, name=node.name, code=node.code, document_count=total, children=[]),
        count=count,
        page=filters.page,
        page_size=filters.page_size,
        num_pages=num_pages,
        results=[DocumentSummaryOut.of(d, request) for d in rows],
    )


def _walk(forest: list[TreeNode]) -> list[TreeNode]:
    out: list[TreeNode] = []
    for t in forest:
        out.append(t)
        out.extend(_walk(t.children))
    return out


@router.get("/catalog/domains", response=list[DomainOut], summary="基层政务公开领域")
def domains(request: HttpRequest) -> list[DomainOut]:
    """The 26 grassroots domains (国办发〔2019〕54号) with their number of entries."""
    return [DomainOut(number=d.number, name=d.name, entry_count=d.entry_count) for d in grassroots_domains()]  # type: ignore[attr-defined]


@router.get("/catalog/entries", response=answers(list[EntryOut]), summary="政务公开事项目录")  # type: ignore[arg-type]  # answers() is typed for one Schema; a list is fine for ninja
def entries(request: HttpRequest, filters: Query[EntryQuery]) -> list[EntryOut]:
    """Entries of the standard catalogue, optionally of one 公开主体 and one domain."""
    unit = _unit(filters.unit) if filters.unit else None
    domain = domain_get(filters.domain) if filters.domain else None
    qs = catalog_entries(unit=unit, domain=domain).prefetch_related("documents")
    return [EntryOut.of(e) for e in qs]
