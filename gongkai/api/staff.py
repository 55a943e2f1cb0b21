"""Staff work on documents through the same services as the workbench, with the same permissions."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from gongkai.api.auth import request_user, staff_auth, writer_actor
from gongkai.api.schemas import (
    DocumentCreateIn,
    DocumentIn,
    ReasonIn,
    StaffDocumentOut,
    StaffDocumentPage,
    StaffDocumentQuery,
    StaffDocumentSummaryOut,
    ValidityIn,
    answers,
)
from gongkai.core.errors import InvalidInput
from gongkai.documents.selectors import document_get_for_staff, document_list_for_staff, document_list_public
from gongkai.documents.services import (
    document_approve,
    document_create,
    document_send_back,
    document_set_validity,
    document_submit,
    document_update,
    document_withdraw,
)

router = Router(tags=["工作人员"], auth=staff_auth)


@router.get("/documents", response=answers(StaffDocumentPage), summary="本单位文件列表")
def list_documents(request: HttpRequest, filters: Query[StaffDocumentQuery]) -> StaffDocumentPage:
    """Documents of the caller's units in every state, most recently changed first."""
    status, unit, text = filters.status_filter(), filters.unit_filter(), filters.q.strip()
    qs = document_list_for_staff(request_user(request), status=status, unit=unit, text=text)
    count, num_pages, rows = filters.slice(qs)
    return StaffDocumentPage(
        count=count,
        page=filters.page,
        page_size=filters.page_size,
        num_pages=num_pages,
        results=[StaffDocumentSummaryOut.of(d, request) for d in rows],
    )


@router.get("/documents/{int:document_id}", response=answers(StaffDocumentOut), summary="文件详情")
def get_document(request: HttpRequest, document_id: int) -> StaffDocumentOut:
    """One document of the caller's units, whatever its state."""
    return StaffDocumentOut.of(document_get_for_staff(request_user(request), document_id), request)


@router.post("/documents", response=answers(StaffDocumentOut, 201), summary="新建草稿")
def create_document(request: HttpRequest, payload: DocumentCreateIn) -> Status[StaffDocumentOut]:
    """A new draft in the named unit (default: the caller's own unit)."""
    actor = writer_actor(request)
    unit = payload.target_unit(request_user(request).unit)
    doc = document_create(actor=actor, unit=unit, data=payload.to_input())
    return Status(201, StaffDocumentOut.of(doc, request))


@router.put("/documents/{int:document_id}", response=answers(StaffDocumentOut), summary="修改草稿")
def update_document(request: HttpRequest, document_id: int, payload: DocumentIn) -> StaffDocumentOut:
    """Replace a draft's metadata (every field is sent; omitted optional fields take their defaults)."""
    actor = writer_actor(request)
    doc = document_get_for_staff(request_user(request), document_id)
    return StaffDocumentOut.of(document_update(actor=actor, document=doc, data=payload.to_input()), request)


@router.post("/documents/{int:document_id}/submit", response=answers(StaffDocumentOut), summary="提交审核")
def submit_document(request: HttpRequest, document_id: int) -> StaffDocumentOut:
    """Draft → in review."""
    actor = writer_actor(request)
    doc = document_get_for_staff(request_user(request), document_id)
    return StaffDocumentOut.of(document_submit(actor=actor, document=doc), request)


@router.post("/documents/{int:document_id}/send-back", response=answers(StaffDocumentOut), summary="退回修改")
def send_back_document(request: HttpRequest, document_id: int, payload: ReasonIn) -> StaffDocumentOut:
    """In review → draft, with the reason the author will see."""
    actor = writer_actor(request)
    doc = document_get_for_staff(request_user(request), document_id)
    return StaffDocumentOut.of(document_send_back(actor=actor, document=doc, reason=payload.reason), request)


@router.post("/documents/{int:document_id}/approve", response=answers(StaffDocumentOut), summary="审核发布")
def approve_document(request: HttpRequest, document_id: int) -> StaffDocumentOut:
    """In review → published (or scheduled); the submitter cannot approve their own document."""
    actor = writer_actor(request)
    doc = document_get_for_staff(request_user(request), document_id)
    return StaffDocumentOut.of(document_approve(actor=actor, document=doc), request)


@router.post("/documents/{int:document_id}/withdraw", response=answers(StaffDocumentOut), summary="撤回")
def withdraw_document(request: HttpRequest, document_id: int, payload: ReasonIn) -> StaffDocumentOut:
    """Take a published (or scheduled) document off the portal, with a reason."""
    actor = writer_actor(request)
    doc = document_get_for_staff(request_user(request), document_id)
    return StaffDocumentOut.of(document_withdraw(actor=actor, document=doc, reason=payload.reason), request)


@router.post("/documents/{int:document_id}/validity", response=answers(StaffDocumentOut), summary="有效性")
def set_validity(request: HttpRequest, document_id: int, payload: ValidityIn) -> StaffDocumentOut:
    """Mark a document 有效 / 失效 / 废止 …, optionally naming the public document that replaces it."""
    actor = writer_actor(request)
    doc = document_get_for_staff(request_user(request), document_id)
    successor = None
    if payload.superseded_by is not None:
        successor = document_list_public().filter(pk=payload.superseded_by).first()
        if successor is None:
            raise InvalidInput("替代文件必须是另一份已公开的文件。", field="superseded_by")
    changed = document_set_validity(
        actor=actor,
        document=doc,
        validity=payload.validity,
        date_changed=payload.date,
        superseded_by=successor,
    )
    return StaffDocumentOut.of(changed, request)
