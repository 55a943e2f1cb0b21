"""API endpoints of gazette (mounted under /api/v1/): public reads, and staff writes under /staff/."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Router, Schema, Status, UploadedFile
from pydantic import ConfigDict

from gongkai.api.auth import request_user, staff_auth, writer_actor
from gongkai.api.schemas import answers
from gongkai.core.context import Actor
from gongkai.core.errors import NotPermitted
from gongkai.gazette.models import GazetteIssue, GazetteItem
from gongkai.gazette.selectors import (
    can_edit_gazette,
    can_see_gazette_workbench,
    gazette_document_find,
    gazette_issue_get,
    gazette_issue_get_by_id,
    gazette_issue_list,
    gazette_item_get,
    gazette_toc_for_staff,
    gazette_toc_public,
)
from gongkai.gazette.services import (
    gazette_issue_create,
    gazette_issue_update,
    gazette_item_add,
    gazette_item_remove,
    gazette_item_update,
)

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


# --- staff endpoints: /api/v1/staff/gazette/… (the openness office edits; others are refused) -------
# Mounted under the public router, so no change to gongkai/api/urls.py is needed.

staff_router = Router(tags=["工作人员·政府公报"], auth=staff_auth)
router.add_router("/staff", staff_router)


class StaffItemOut(Schema):
    id: int
    section: str
    sort_order: int
    document_id: int
    title: str
    doc_number: str
    is_public: bool = Field(..., description="文件当前是否公开（撤回后公开页面不再列出）")

    @classmethod
    def of(cls, it: GazetteItem) -> StaffItemOut:
        d = it.document
        return cls(
            id=it.pk,
            section=it.section,
            sort_order=it.sort_order,
            document_id=d.pk,
            title=d.title,
            doc_number=d.doc_number,
            is_public=d.is_public,
        )


class StaffIssueOut(GazetteIssueOut):
    id: int
    items: list[StaffItemOut]

    @classmethod
    def of(cls, issue: GazetteIssue, request: HttpRequest) -> StaffIssueOut:
        items = [StaffItemOut.of(it) for it in gazette_toc_for_staff(issue)]
        return cls(id=issue.pk, **GazetteIssueOut.fields_of(issue, request), items=items)


class IssueIn(Schema):
    model_config = ConfigDict(extra="forbid")

    year: int = Field(..., description="年份")
    number: int = Field(..., description="期号")
    issued_on: dt.date = Field(..., description="出版日期")
    title: str = Field("", max_length=200, description="标题，留空为“苏州市人民政府公报 某年第某期”")


class ItemIn(Schema):
    model_config = ConfigDict(extra="forbid")

    document: str = Field(..., max_length=60, description="文件编号或发文字号")
    section: str = Field("", max_length=100, description="栏目，如“市政府文件”")
    sort_order: int | None = Field(None, ge=0, le=9999, description="排序，留空排在最后")


class ItemUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    section: str | None = Field(None, max_length=100, description="栏目")
    sort_order: int | None = Field(None, ge=0, le=9999, description="排序")


def _editor(request: HttpRequest) -> Actor:
    actor = writer_actor(request)
    if not can_edit_gazette(request_user(request)):
        raise NotPermitted("只有公开办可以编辑政府公报。")
    return actor


def _viewer(request: HttpRequest) -> None:
    if not can_see_gazette_workbench(request_user(request)):
        raise NotPermitted("只有公开办和评估人可以查看政府公报管理数据。")


@staff_router.get(
    "/gazette/issues/{int:issue_id}", response=answers(StaffIssueOut), summary="一期公报（工作人员）"
)
def staff_issue(request: HttpRequest, issue_id: int) -> StaffIssueOut:
    """An issue with its whole table of contents, including documents no longer public."""
    _viewer(request)
    return StaffIssueOut.of(gazette_issue_get_by_id(issue_id), request)


@staff_router.post("/gazette/issues", response=answers(StaffIssueOut, 201), summary="新建一期公报")
def staff_issue_create(request: HttpRequest, payload: IssueIn) -> Status[StaffIssueOut]:
    """A new issue; its PDF is uploaded separately (``POST …/{id}/pdf``)."""
    actor = _editor(request)
    issue = gazette_issue_create(
        actor=actor,
        year=payload.year,
        number=payload.number,
        issued_on=payload.issued_on,
        title=payload.title,
    )
    return Status(201, StaffIssueOut.of(issue, request))


@staff_router.put("/gazette/issues/{int:issue_id}", response=answers(StaffIssueOut), summary="修改一期公报")
def staff_issue_update(request: HttpRequest, issue_id: int, payload: IssueIn) -> StaffIssueOut:
    actor = _editor(request)
    issue = gazette_issue_get_by_id(issue_id)
    updated = gazette_issue_update(
        actor=actor,
        issue=issue,
        year=payload.year,
        number=payload.number,
        issued_on=payload.issued_on,
        title=payload.title,
    )
    return StaffIssueOut.of(updated, request)


@staff_router.post(
    "/gazette/issues/{int:issue_id}/pdf", response=answers(StaffIssueOut), summary="上传（替换）公报 PDF 版"
)
def staff_issue_pdf(request: HttpRequest, issue_id: int, pdf: File[UploadedFile]) -> StaffIssueOut:
    """``multipart/form-data`` with the file in ``pdf``; checked by content, not by name."""
    actor = _editor(request)
    issue = gazette_issue_get_by_id(issue_id)
    updated = gazette_issue_update(
        actor=actor,
        issue=issue,
        year=issue.year,
        number=issue.number,
        issued_on=issue.issued_on,
        title=issue.title,
        pdf=pdf,
    )
    return StaffIssueOut.of(updated, request)


@staff_router.post(
    "/gazette/issues/{int:issue_id}/items", response=answers(StaffIssueOut, 201), summary="收入文件"
)
def staff_item_add(request: HttpRequest, issue_id: int, payload: ItemIn) -> Status[StaffIssueOut]:
    """Add a public document, named by 文件编号 or 发文字号, to the table of contents."""
    actor = _editor(request)
    issue = gazette_issue_get_by_id(issue_id)
    document = gazette_document_find(payload.document)
    gazette_item_add(
        actor=actor, issue=issue, document=document, section=payload.section, sort_order=payload.sort_order
    )
    return Status(201, StaffIssueOut.of(issue, request))


@staff_router.patch("/gazette/items/{int:item_id}", response=answers(StaffIssueOut), summary="调整目录条目")
def staff_item_update(request: HttpRequest, item_id: int, payload: ItemUpdateIn) -> StaffIssueOut:
    """Move an entry (``sort_order``) or change its section."""
    actor = _editor(request)
    item = gazette_item_get(item_id)
    gazette_item_update(actor=actor, item=item, section=payload.section, sort_order=payload.sort_order)
    return StaffIssueOut.of(item.issue, request)


@staff_router.delete("/gazette/items/{int:item_id}", response=answers(StaffIssueOut), summary="移出目录条目")
def staff_item_remove(request: HttpRequest, item_id: int) -> StaffIssueOut:
    actor = _editor(request)
    item = gazette_item_get(item_id)
    issue = item.issue
    gazette_item_remove(actor=actor, item=item)
    return StaffIssueOut.of(issue, request)
