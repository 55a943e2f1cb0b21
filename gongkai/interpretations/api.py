"""API endpoints of interpretations (mounted under /api/v1/): public, read-only."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema

from gongkai.api.schemas import answers
from gongkai.interpretations.models import Interpretation, PolicyQA
from gongkai.interpretations.selectors import (
    interpretation_get_public,
    interpretation_list_public,
    qa_pairs_public,
)

router = Router(tags=["政策解读"])
MAX_ROWS = 100


class PolicyRefOut(Schema):
    id: int
    title: str
    doc_number: str = Field(..., description="发文字号")
    url: str


class InterpretationOut(Schema):
    id: int
    title: str
    kind: str = Field(..., description="text / image / video")
    kind_label: str
    unit_code: str
    unit_name: str
    interpreter_name: str
    interpreter_role: str
    body: str
    image_url: str | None
    video_url: str | None
    published_at: dt.datetime | None
    url: str
    documents: list[PolicyRefOut] = Field(..., description="解读的（已公开）政策文件")

    @classmethod
    def of(cls, item: Interpretation, request: HttpRequest) -> InterpretationOut:
        def absolute(name: str, pk: int) -> str:
            return request.build_absolute_uri(reverse(name, args=[pk]))

        docs = getattr(item, "public_documents", [])
        return cls(
            id=item.pk,
            title=item.title,
            kind=item.kind,
            kind_label=item.get_kind_display(),  # type: ignore[attr-defined]
            unit_code=item.unit.code,
            unit_name=item.unit.name,
            interpreter_name=item.interpreter_name,
            interpreter_role=item.interpreter_role,
            body=item.body,
            image_url=absolute("interpretations:image", item.pk) if item.image else None,
            video_url=item.video_url or None,
            published_at=timezone.localtime(item.published_at) if item.published_at else None,
            url=absolute("interpretations:detail", item.pk),
            documents=[
                PolicyRefOut(
                    id=d.pk, title=d.title, doc_number=d.doc_number, url=absolute("portal:document", d.pk)
                )
                for d in docs
            ],
        )


class QAPairOut(Schema):
    id: int
    document_id: int
    question: str
    answer: str
    clause_ref: str = Field(..., description="条款，如“第三条”")
    sort_order: int

    @classmethod
    def of(cls, qa: PolicyQA) -> QAPairOut:
        return cls(
            id=qa.pk,
            document_id=qa.document_id,
            question=qa.question,
            answer=qa.answer,
            clause_ref=qa.clause_ref,
            sort_order=qa.sort_order,
        )


@router.get("/interpretations", response=answers(list[InterpretationOut]), summary="政策解读列表")  # type: ignore[arg-type]
def list_interpretations(request: HttpRequest, document: int | None = None) -> list[InterpretationOut]:
    """Published interpretations, newest first (at most 100); ``document`` keeps those of one policy."""
    rows = interpretation_list_public(document=document)[:MAX_ROWS]
    return [InterpretationOut.of(i, request) for i in rows]


@router.get(
    "/interpretations/{int:interpretation_id}", response=answers(InterpretationOut), summary="政策解读详情"
)
def get_interpretation(request: HttpRequest, interpretation_id: int) -> InterpretationOut:
    """One published interpretation; drafts and withdrawn ones answer 404."""
    return InterpretationOut.of(interpretation_get_public(interpretation_id), request)


@router.get("/qa-pairs", response=answers(list[QAPairOut]), summary="政策简明问答")  # type: ignore[arg-type]
def list_qa_pairs(request: HttpRequest, document: int | None = None) -> list[QAPairOut]:
    """Q&A pairs of public policies (at most 100 without ``document``), in the policy's order."""
    qs = qa_pairs_public(document=document)
    rows = qs if document is not None else qs[:MAX_ROWS]
    return [QAPairOut.of(qa) for qa in rows]
