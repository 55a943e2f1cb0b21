"""What goes in and out of the API. Field names are English snake_case; labels are Chinese."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from ninja.responses import codes_4xx
from pydantic import AwareDatetime, ConfigDict

from gongkai.core.errors import InvalidInput
from gongkai.documents.choices import (
    GENRES,
    TOPIC_LABELS,
    TOPICS,
    Disclosure,
    DisclosureMethod,
    Status,
    Validity,
    WithholdingReason,
)
from gongkai.documents.models import Attachment, Document
from gongkai.documents.selectors import PublicFilters
from gongkai.documents.services import DocumentInput
from gongkai.units.models import Unit, UnitKind
from gongkai.units.selectors import unit_get_by_code

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Shown in China time (+08:00), as the portal shows it."""
    return timezone.localtime(value) if value is not None else None


def _local_required(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value)


def _absolute(request: HttpRequest, name: str, *args: Any) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _unit_by_code(code: str, field: str = "unit") -> Unit:
    unit = unit_get_by_code(code.strip())
    if unit is None:
        raise InvalidInput(f"未找到机构代码为 {code} 的单位。", field=field)
    return unit


# --- small building blocks ----------------------------------------------------------------------


class ErrorOut(Schema):
    """Every error answer: a Chinese message and, per field, what is wrong with it."""

    detail: str = Field(..., description="错误说明")
    errors: dict[str, list[str]] = Field(default_factory=dict, description="各字段的错误")


def answers(schema: type[Schema], status: int = 200) -> dict[Any, Any]:
    """The documented responses of an operation: its success schema and the common error shape."""
    return {status: schema, codes_4xx: ErrorOut}


class CodeLabel(Schema):
    """A stored code with its Chinese label."""

    code: str
    label: str

    @classmethod
    def of(cls, code: str, choices: Any) -> CodeLabel:
        """Label ``code`` from a ``TextChoices`` class (or a ``{code: label}`` dict)."""
        labels = choices if isinstance(choices, dict) else dict(choices.choices)
        return cls(code=code, label=str(labels.get(code, code)))


class UnitRef(Schema):
    code: str
    name: str

    @classmethod
    def of(cls, unit: Unit) -> UnitRef:
        return cls(code=unit.code, name=unit.name)


class DocumentRef(Schema):
    id: int
    title: str


class ValidityOut(Schema):
    code: str
    label: str
    date: dt.date | None = Field(None, description="失效/废止日期")
    superseded_by: DocumentRef | None = Field(None, description="替代文件")


class AttachmentOut(Schema):
    name: str
    size_bytes: int
    content_type: str
    url: str | None = Field(None, description="下载地址；尚未公开的文件为 null")

    @classmethod
    def of(cls, attachment: Attachment, request: HttpRequest, *, public: bool) -> AttachmentOut:
        url = (
            _absolute(request, "portal:attachment", attachment.document_id, attachment.pk) if public else None
        )
        return cls(
            name=attachment.original_name,
            size_bytes=attachment.size_bytes,
            content_type=attachment.content_type,
            url=url,
        )


# --- documents, public ------------------------------------------------------------------------------


class DocumentSummaryOut(Schema):
    """One line of a document list."""

    id: int
    index_number: str | None = Field(None, description="索引号")
    title: str = Field(..., description="标题")
    unit: UnitRef = Field(..., description="发布机构")
    doc_number: str = Field(..., description="发文字号")
    date_written: dt.date = Field(..., description="成文日期")
    published_at: dt.datetime | None = Field(None, description="发布日期")
    topic: CodeLabel = Field(..., description="主题分类")
    genre: str = Field(..., description="文种")
    validity: CodeLabel = Field(..., description="有效性")
    url: str | None = Field(None, description="门户网站上的页面")

    @classmethod
    def of(cls, doc: Document, request: HttpRequest) -> DocumentSummaryOut:
        return cls(
            id=doc.pk,
            index_number=doc.index_number,
            title=doc.title,
            unit=UnitRef.of(doc.unit),
            doc_number=doc.doc_number,
            date_written=doc.date_written,
            published_at=_local(doc.published_at),
            topic=CodeLabel.of(doc.topic, TOPIC_LABELS),
            genre=doc.genre,
            validity=CodeLabel.of(doc.validity, Validity),
            url=_absolute(request, "portal:document", doc.pk) if doc.is_public else None,
        )


class DocumentDetailOut(Schema):
    """A public document with its full 政府信息 metadata."""

    id: int
    index_number: str | None = Field(None, description="索引号")
    title: str = Field(..., description="标题")
    unit: UnitRef = Field(..., description="发布机构")
    issuer: str = Field(..., description="发文机关")
    doc_number: str = Field(..., description="发文字号")
    date_written: dt.date = Field(..., description="成文日期")
    date_formed: dt.date | None = Field(None, description="信息形成或变更日期")
    published_at: dt.datetime | None = Field(None, description="发布日期")
    topic: CodeLabel = Field(..., description="主题分类")
    genre: str = Field(..., description="文种")
    disclosure: CodeLabel = Field(..., description="公开属性")
    disclosure_method: CodeLabel = Field(..., description="公开方式")
    validity: ValidityOut = Field(..., description="有效性")
    keywords: str = Field(..., description="主题词")
    summary: str = Field(..., description="内容概述")
    body: str = Field(..., description="正文（纯文本）")
    attachments: list[AttachmentOut] = Field(..., description="附件")
    is_synthetic: bool = Field(..., description="是否为合成演示数据")
    version: int = Field(..., description="版本")
    url: str | None = Field(None, description="门户网站上的页面")

    @classmethod
    def fields_of(cls, doc: Document, request: HttpRequest) -> dict[str, Any]:
        """The field values shared by the public and the staff view of a document."""
        public = doc.is_public
        superseded = doc.superseded_by
        return {
            "id": doc.pk,
            "index_number": doc.index_number,
            "title": doc.title,
            "unit": UnitRef.of(doc.unit),
            "issuer": doc.issuer,
            "doc_number": doc.doc_number,
            "date_written": doc.date_written,
            "date_formed": doc.date_formed,
            "published_at": _local(doc.published_at),
            "topic": CodeLabel.of(doc.topic, TOPIC_LABELS),
            "genre": doc.genre,
            "disclosure": CodeLabel.of(doc.disclosure, Disclosure),
            "disclosure_method": CodeLabel.of(doc.disclosure_method, DisclosureMethod),
            "validity": ValidityOut(
                code=doc.validity,
                label=str(dict(Validity.choices).get(doc.validity, doc.validity)),
                date=doc.date_validity_changed,
                superseded_by=DocumentRef(id=superseded.pk, title=superseded.title) if superseded else None,
            ),
            "keywords": doc.keywords,
            "summary": doc.summary,
            "body": doc.body,
            "attachments": [AttachmentOut.of(a, request, public=public) for a in doc.attachments.all()],
            "is_synthetic": doc.is_synthetic,
            "version": doc.version,
            "url": _absolute(request, "portal:document", doc.pk) if public else None,
        }

    @classmethod
    def of(cls, doc: Document, request: HttpRequest) -> DocumentDetailOut:
        return cls(**cls.fields_of(doc, request))


class Page(Schema):
    count: int = Field(..., description="符合条件的总数")
    page: int
    page_size: int
    num_pages: int


class DocumentPage(Page):
    results: list[DocumentSummaryOut]


class Pagination(Schema):
    page: int = Field(1, ge=1, description="页码，从 1 开始")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"每页条数，最多 {MAX_PAGE_SIZE}"
    )

    def slice(self, qs: QuerySet[Document]) -> tuple[int, int, list[Document]]:
        """``(count, num_pages, rows of this page)``; a page past the end is empty."""
        count = qs.count()
        start = (self.page - 1) * self.page_size
        rows = list(qs[start : start + self.page_size]) if start < count else []
        return count, max(1, math.ceil(count / self.page_size)), rows


class PublicDocumentQuery(Pagination):
    """Filters of the public document list."""

    unit: str = Field("", max_length=18, description="发布机构的机构代码")
    include_subunits: bool = Field(False, description="包含下级单位")
    topic: str = Field("", max_length=4, description="主题分类代码；两位代码包含其全部二级分类")
    year: int | None = Field(None, ge=1949, le=2100, description="发布年份")
    validity: str = Field("", max_length=20, description="有效性代码，如 valid、repealed")
    genre: str = Field("", max_length=20, description="文种，如 通知")
    q: str = Field("", max_length=100, description="标题、主题词或发文字号")

    def to_filters(self) -> PublicFilters:
        """The selector's filters; unknown codes are an input error, not an empty list."""
        if self.topic and self.topic not in TOPIC_LABELS:
            raise InvalidInput(f"未知的主题分类代码 {self.topic}。", field="topic")
        if self.validity and self.validity not in Validity.values:
            raise InvalidInput(
                f"未知的有效性代码 {self.validity}，可选：{'、'.join(Validity.values)}。", field="validity"
            )
        if self.genre and self.genre not in GENRES:
            raise InvalidInput(f"未知的文种“{self.genre}”。", field="genre")
        return PublicFilters(
            unit=_unit_by_code(self.unit) if self.unit else None,
            include_subunits=self.include_subunits,
            topic=self.topic,
            year=self.year,
            validity=self.validity,
            genre=self.genre,
            text=self.q.strip(),
        )


# --- documents, staff ------------------------------------------------------------------------------


class StaffDocumentSummaryOut(DocumentSummaryOut):
    status: CodeLabel = Field(..., description="状态")
    disclosure: CodeLabel = Field(..., description="公开属性")
    updated_at: dt.datetime
    created_by: str | None = Field(None, description="起草人")

    @classmethod
    def of(cls, doc: Document, request: HttpRequest) -> StaffDocumentSummaryOut:
        base = DocumentSummaryOut.of(doc, request).model_dump()
        return cls(
            **base,
            status=CodeLabel.of(doc.status, Status),
            disclosure=CodeLabel.of(doc.disclosure, Disclosure),
            updated_at=_local_required(doc.updated_at),
            created_by=str(doc.created_by) if doc.created_by else None,
        )


class StaffDocumentPage(Page):
    results: list[StaffDocumentSummaryOut]


class StaffDocumentOut(DocumentDetailOut):
    """A document as its unit's staff see it, whatever its state."""

    status: CodeLabel = Field(..., description="状态")
    review_note: str = Field(..., description="审核意见（退回理由）")
    withholding_reason: CodeLabel | None = Field(None, description="不予公开理由")
    scheduled_at: dt.datetime | None = Field(None, description="定时发布时间")
    created_by: str | None = Field(None, description="起草人")
    submitted_by: str | None = Field(None, description="提交人")
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, doc: Document, request: HttpRequest) -> StaffDocumentOut:
        return cls(
            **cls.fields_of(doc, request),
            status=CodeLabel.of(doc.status, Status),
            review_note=doc.review_note,
            withholding_reason=(
                CodeLabel.of(doc.withholding_reason, WithholdingReason) if doc.withholding_reason else None
            ),
            scheduled_at=_local(doc.scheduled_at),
            created_by=str(doc.created_by) if doc.created_by else None,
            submitted_by=str(doc.submitted_by) if doc.submitted_by else None,
            created_at=_local_required(doc.created_at),
            updated_at=_local_required(doc.updated_at),
        )


class StaffDocumentQuery(Pagination):
    """Filters of the staff document list."""

    status: str = Field("", max_length=20, description="状态代码，如 draft、in_review、published")
    unit: str = Field("", max_length=18, description="机构代码（须在本人管辖范围内）")
    q: str = Field("", max_length=100, description="标题、发文字号或索引号")

    def status_filter(self) -> str:
        if self.status and self.status not in Status.values:
            choices = "、".join(Status.values)
            raise InvalidInput(f"未知的状态代码 {self.status}，可选：{choices}。", field="status")
        return self.status

    def unit_filter(self) -> Unit | None:
        return _unit_by_code(self.unit) if self.unit else None


class DocumentIn(Schema):
    """The metadata a staff member supplies; checked by ``DocumentInput.clean`` in the service."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(..., description="标题")
    body: str = Field(..., description="正文（纯文本，不解析 HTML）")
    date_written: dt.date = Field(..., description="成文日期，YYYY-MM-DD")
    topic: str = Field(..., max_length=4, description="主题分类代码，如 0402")
    genre: str = Field("通知", description="文种")
    doc_number: str = Field("", max_length=60, description="发文字号，如 苏财规〔2026〕3号")
    issuer: str = Field("", max_length=200, description="发文机关，默认同发布机构")
    date_formed: dt.date | None = Field(None, description="信息形成或变更日期，默认同成文日期")
    disclosure: str = Field(Disclosure.PROACTIVE.value, description="公开属性代码，如 proactive")
    withholding_reason: str = Field("", description="不予公开理由代码（公开属性为 withheld 时必填）")
    disclosure_method: str = Field(DisclosureMethod.WEBSITE.value, description="公开方式代码")
    keywords: str = Field("", max_length=200, description="主题词")
    summary: str = Field("", description="内容概述")
    scheduled_at: AwareDatetime | None = Field(None, description="定时发布时间（须带时区）")

    def to_input(self) -> DocumentInput:
        """The domain input object (not yet cleaned: the service does that)."""
        return DocumentInput(**self.model_dump(exclude={"unit"}))


class DocumentCreateIn(DocumentIn):
    unit: str | None = Field(None, max_length=18, description="机构代码；默认为本人所属单位")

    def target_unit(self, default: Unit | None) -> Unit:
        """The unit to create in: the one named, or the user's own."""
        if self.unit:
            return _unit_by_code(self.unit)
        if default is None:
            raise InvalidInput("您的账号未关联单位，请指定机构代码。", field="unit")
        return default


class ReasonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field("", description="理由")


class ValidityIn(Schema):
    model_config = ConfigDict(extra="forbid")

    validity: str = Field(..., description="有效性代码，如 valid、repealed")
    date: dt.date | None = Field(None, description="失效/废止日期")
    superseded_by: int | None = Field(None, description="替代文件的编号（须为已公开的文件）")


# --- units and topics -----------------------------------------------------------------------------


class UnitOut(Schema):
    code: str = Field(..., description="机构代码")
    name: str
    short_name: str
    kind: CodeLabel
    parent_code: str | None = Field(None, description="上级单位的机构代码")
    depth: int = Field(..., description="层级，市政府为 0")

    @classmethod
    def fields_of(cls, unit: Unit) -> dict[str, Any]:
        return {
            "code": unit.code,
            "name": unit.name,
            "short_name": unit.short_name,
            "kind": CodeLabel.of(unit.kind, UnitKind),
            "parent_code": unit.parent.code if unit.parent else None,
            "depth": unit.depth,
        }

    @classmethod
    def of(cls, unit: Unit) -> UnitOut:
        return cls(**cls.fields_of(unit))


class UnitDetailOut(UnitOut):
    parent: UnitRef | None = None
    children: list[UnitRef]

    @classmethod
    def with_children(cls, unit: Unit, children: list[Unit]) -> UnitDetailOut:
        return cls(
            **cls.fields_of(unit),
            parent=UnitRef.of(unit.parent) if unit.parent else None,
            children=[UnitRef.of(c) for c in children],
        )


class TopicChildOut(Schema):
    code: str
    name: str = Field(..., description="二级分类名称")
    label: str = Field(..., description="完整名称（一级\\二级）")


class TopicOut(Schema):
    code: str
    name: str
    children: list[TopicChildOut]


def topic_tree() -> list[TopicOut]:
    """The 22 first-level 主题分类 with their second level."""
    tree = []
    for i, (first, seconds) in enumerate(TOPICS, start=1):
        children = [
            TopicChildOut(code=f"{i:02d}{j:02d}", name=second, label=TOPIC_LABELS[f"{i:02d}{j:02d}"])
            for j, second in enumerate(seconds, start=1)
        ]
        tree.append(TopicOut(code=f"{i:02d}", name=first, children=children))
    return tree
