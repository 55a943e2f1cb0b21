"""API endpoints of catalog (mounted under /api/v1/): public reads, and staff writes under /staff/."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.responses import codes_4xx
from pydantic import ConfigDict

from gongkai.api.auth import request_user, staff_auth, writer_actor
from gongkai.api.schemas import DocumentSummaryOut, ErrorOut, Page, Pagination, UnitRef, answers
from gongkai.catalog.choices import Audience, EntryMethod, Level
from gongkai.catalog.models import CatalogEntry, CatalogNode
from gongkai.catalog.selectors import (
    TreeNode,
    catalog_entries,
    catalog_entry_documents,
    catalog_entry_get_for_staff,
    catalog_node_documents_public,
    catalog_node_get,
    catalog_node_get_for_staff,
    catalog_nodes_by_ids,
    catalog_tree,
    document_filing_choices,
    document_for_entry,
    domain_get,
    flatten,
    grassroots_domains,
    staff_can_see_unit,
)
from gongkai.catalog.services import (
    NAME_MAX,
    EntryInput,
    catalog_entry_create,
    catalog_entry_link_documents,
    catalog_entry_unlink_documents,
    catalog_entry_update,
    catalog_node_create,
    catalog_node_delete,
    catalog_node_rename,
    catalog_seed_standard,
    document_set_filings,
)
from gongkai.core.errors import InvalidInput, NotFound, NotPermitted
from gongkai.documents.selectors import document_get_for_staff
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


# --- staff endpoints: /api/v1/staff/catalog/… ------------------------------------------------------
# Mounted under the public router (itself mounted at "/"), so no change to gongkai/api/urls.py is
# needed; the same authentication as the document endpoints (bearer token or session + CSRF).

staff_router = Router(tags=["工作人员·公开目录"], auth=staff_auth)
router.add_router("/staff", staff_router)


class StaffNodeOut(Schema):
    id: int
    unit: UnitRef
    parent_id: int | None = Field(None, description="上级栏目，顶级栏目为 null")
    name: str = Field(..., description="栏目名称")
    code: str = Field(..., description="栏目代码（标准栏目）")
    is_standard: bool
    sort_order: int

    @classmethod
    def of(cls, node: CatalogNode) -> StaffNodeOut:
        return cls(
            id=node.pk,
            unit=UnitRef.of(node.unit),
            parent_id=node.parent_id,
            name=node.name,
            code=node.code,
            is_standard=node.is_standard,
            sort_order=node.sort_order,
        )


class NodeCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., max_length=NAME_MAX, description="栏目名称")
    parent_id: int | None = Field(None, description="上级栏目（同一单位），留空为顶级栏目")
    sort_order: int = Field(100, ge=0, le=9999, description="排序")


class NodeRenameIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., max_length=NAME_MAX, description="新名称")


class FilingsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    node_ids: list[int] = Field(..., max_length=200, description="归入的栏目（空列表即移出全部栏目）")


class FilingsOut(Schema):
    document_id: int
    nodes: list[StaffNodeOut]


class EntryIn(Schema):
    """The standard columns of a 公开事项 (every field is sent; omitted optional fields take defaults)."""

    model_config = ConfigDict(extra="forbid")

    domain: int = Field(..., ge=1, le=26, description="领域序号（1–26）")
    item: str = Field(..., max_length=100, description="公开事项（一级）")
    sub_item: str = Field("", max_length=100, description="公开事项（二级）")
    content: str = Field(..., max_length=5000, description="公开内容（要素）")
    basis: str = Field("", max_length=5000, description="公开依据")
    time_limit: str = Field("信息形成（变更）之日起20个工作日内", max_length=200, description="公开时限")
    time_limit_days: int | None = Field(20, description="公开时限（工作日），无固定时限为 null")
    channels: list[str] = Field(default_factory=lambda: ["政府网站"], description="公开渠道和载体")
    audience: str = Field(Audience.PUBLIC, description="公开对象：public / specific")
    method: str = Field(EntryMethod.PROACTIVE, description="公开方式：proactive / on_request")
    level: str = Field(Level.COUNTY, description="公开层级：city / county / township")
    sort_order: int = Field(100, ge=0, le=9999, description="排序")

    def to_input(self) -> EntryInput:
        return EntryInput(
            item=self.item,
            sub_item=self.sub_item,
            content=self.content,
            basis=self.basis,
            time_limit_text=self.time_limit,
            time_limit_days=self.time_limit_days,
            channels=list(self.channels),
            audience=self.audience,
            method=self.method,
            level=self.level,
            sort_order=self.sort_order,
        )


class EntryCreateIn(EntryIn):
    unit: str = Field(..., max_length=18, description="公开主体的机构代码")


class LinkedDocumentOut(Schema):
    id: int
    title: str
    doc_number: str
    status: str = Field(..., description="状态（draft / published / withdrawn …）")


class StaffEntryOut(EntryOut):
    documents: list[LinkedDocumentOut] = Field(..., description="关联的政府信息（含已不公开的）")

    @classmethod
    def of_staff(cls, entry: CatalogEntry) -> StaffEntryOut:
        docs = list(catalog_entry_documents(entry))
        base = EntryOut.of(entry).model_dump()
        base["document_ids"] = [d.pk for d in docs if d.is_public]
        linked = [
            LinkedDocumentOut(id=d.pk, title=d.title, doc_number=d.doc_number, status=d.status) for d in docs
        ]
        return cls(**base, documents=linked)


class LinkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    documents: list[str] = Field(
        ..., min_length=1, max_length=50, description='文件编号或发文字号，如 ["1024", "苏府办〔2018〕193号"]'
    )


def _staff_unit(request: HttpRequest, code: str) -> Unit:
    unit = _unit(code)
    if not staff_can_see_unit(request_user(request), unit):
        raise NotPermitted("您无权查看其他单位的目录。")
    return unit


@staff_router.get(
    "/catalog/units/{code}/nodes",
    response=answers(list[StaffNodeOut]),  # type: ignore[arg-type]
    summary="单位目录栏目（工作人员）",
)
def staff_nodes(request: HttpRequest, code: str) -> list[StaffNodeOut]:
    """Every column of a unit in the caller's scope, in tree order."""
    unit = _staff_unit(request, code)
    return [StaffNodeOut.of(t.node) for _depth, t in flatten(catalog_tree(unit))]


@staff_router.post("/catalog/units/{code}/nodes", response=answers(StaffNodeOut, 201), summary="新增目录栏目")
def staff_node_create(request: HttpRequest, code: str, payload: NodeCreateIn) -> Status[StaffNodeOut]:
    """Add a column at the top or under ``parent_id`` (a column of the same unit)."""
    actor = writer_actor(request)
    unit = _staff_unit(request, code)
    parent = None
    if payload.parent_id is not None:
        try:
            parent = catalog_node_get(payload.parent_id, unit=unit)
        except NotFound as exc:
            raise InvalidInput("上级栏目不存在或不属于该单位。", field="parent_id") from exc
    node = catalog_node_create(
        actor=actor, unit=unit, name=payload.name, parent=parent, sort_order=payload.sort_order
    )
    return Status(201, StaffNodeOut.of(node))


@staff_router.post(
    "/catalog/units/{code}/seed",
    response=answers(list[StaffNodeOut]),  # type: ignore[arg-type]
    summary="补齐标准栏目",
)
def staff_seed(request: HttpRequest, code: str) -> list[StaffNodeOut]:
    """Create the standard columns the unit lacks (idempotent); returns the standard columns."""
    actor = writer_actor(request)
    unit = _staff_unit(request, code)
    return [StaffNodeOut.of(n) for n in catalog_seed_standard(actor=actor, unit=unit)]


@staff_router.patch("/catalog/nodes/{int:node_id}", response=answers(StaffNodeOut), summary="目录栏目改名")
def staff_node_rename(request: HttpRequest, node_id: int, payload: NodeRenameIn) -> StaffNodeOut:
    actor = writer_actor(request)
    node = catalog_node_get_for_staff(request_user(request), node_id)
    return StaffNodeOut.of(catalog_node_rename(actor=actor, node=node, name=payload.name))


@staff_router.delete(
    "/catalog/nodes/{int:node_id}", response={204: None, codes_4xx: ErrorOut}, summary="删除目录栏目"
)
def staff_node_delete(request: HttpRequest, node_id: int) -> Status[None]:
    """Delete an empty column; one holding documents or sub-columns is refused (400)."""
    actor = writer_actor(request)
    node = catalog_node_get_for_staff(request_user(request), node_id)
    catalog_node_delete(actor=actor, node=node)
    return Status(204, None)


@staff_router.get(
    "/catalog/documents/{int:document_id}/filings", response=answers(FilingsOut), summary="文件所属目录"
)
def staff_filings(request: HttpRequest, document_id: int) -> FilingsOut:
    doc = document_get_for_staff(request_user(request), document_id)
    nodes = [c.node for c in document_filing_choices(doc) if c.checked]
    return FilingsOut(document_id=doc.pk, nodes=[StaffNodeOut.of(n) for n in nodes])


@staff_router.put(
    "/catalog/documents/{int:document_id}/filings", response=answers(FilingsOut), summary="设置文件所属目录"
)
def staff_set_filings(request: HttpRequest, document_id: int, payload: FilingsIn) -> FilingsOut:
    """Make ``node_ids`` exactly the columns the document is filed under (columns of its own unit)."""
    actor = writer_actor(request)
    doc = document_get_for_staff(request_user(request), document_id)
    nodes = catalog_nodes_by_ids(payload.node_ids)
    filed = document_set_filings(actor=actor, document=doc, nodes=nodes)
    return FilingsOut(document_id=doc.pk, nodes=[StaffNodeOut.of(n) for n in filed])


@staff_router.get(
    "/catalog/entries/{int:entry_id}", response=answers(StaffEntryOut), summary="公开事项（工作人员）"
)
def staff_entry(request: HttpRequest, entry_id: int) -> StaffEntryOut:
    return StaffEntryOut.of_staff(catalog_entry_get_for_staff(request_user(request), entry_id))


@staff_router.post("/catalog/entries", response=answers(StaffEntryOut, 201), summary="新增公开事项")
def staff_entry_create(request: HttpRequest, payload: EntryCreateIn) -> Status[StaffEntryOut]:
    actor = writer_actor(request)
    unit = _staff_unit(request, payload.unit)
    entry = catalog_entry_create(
        actor=actor, unit=unit, domain=domain_get(payload.domain), data=payload.to_input()
    )
    return Status(201, StaffEntryOut.of_staff(entry))


@staff_router.put("/catalog/entries/{int:entry_id}", response=answers(StaffEntryOut), summary="修改公开事项")
def staff_entry_update(request: HttpRequest, entry_id: int, payload: EntryIn) -> StaffEntryOut:
    """Replace an entry's columns (its 公开主体 stays)."""
    actor = writer_actor(request)
    entry = catalog_entry_get_for_staff(request_user(request), entry_id)
    updated = catalog_entry_update(
        actor=actor, entry=entry, domain=domain_get(payload.domain), data=payload.to_input()
    )
    return StaffEntryOut.of_staff(updated)


@staff_router.post(
    "/catalog/entries/{int:entry_id}/documents", response=answers(StaffEntryOut), summary="关联政府信息"
)
def staff_entry_link(request: HttpRequest, entry_id: int, payload: LinkIn) -> StaffEntryOut:
    """Link public documents of the entry's unit subtree, named by 文件编号 or 发文字号."""
    actor = writer_actor(request)
    entry = catalog_entry_get_for_staff(request_user(request), entry_id)
    docs = [document_for_entry(entry, ref) for ref in payload.documents]
    return StaffEntryOut.of_staff(catalog_entry_link_documents(actor=actor, entry=entry, documents=docs))


@staff_router.delete(
    "/catalog/entries/{int:entry_id}/documents/{int:document_id}",
    response=answers(StaffEntryOut),
    summary="取消关联政府信息",
)
def staff_entry_unlink(request: HttpRequest, entry_id: int, document_id: int) -> StaffEntryOut:
    actor = writer_actor(request)
    entry = catalog_entry_get_for_staff(request_user(request), entry_id)
    doc = catalog_entry_documents(entry).filter(pk=document_id).first()
    if doc is None:
        raise NotFound("该文件未关联到本公开事项。")
    return StaffEntryOut.of_staff(catalog_entry_unlink_documents(actor=actor, entry=entry, documents=[doc]))
