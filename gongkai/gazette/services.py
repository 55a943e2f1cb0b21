"""Writes on the 政府公报: issues and their tables of contents. Managed by the openness office."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.accounts.models import Role
from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.documents.models import Document
from gongkai.gazette.models import GazetteIssue, GazetteItem

GAZETTE_PUBLISHER = "苏州市人民政府公报"


def _require_gazette_editor(actor: Actor) -> None:
    # The gazette is one publication of the government as a whole, not of one unit, so only the
    # openness office (or the system itself, for imports) edits it.
    user = actor.user
    if user is None or user.is_superuser:
        return
    if not (user.is_active and user.unit_id and user.role == Role.OPENNESS_OFFICE):
        raise NotPermitted("只有公开办可以编辑政府公报。")


def default_title(year: int, number: int) -> str:
    """``苏州市人民政府公报 2018年第7期``."""
    return f"{GAZETTE_PUBLISHER} {year}年第{number}期"


def _read_pdf(upload: UploadedFile) -> bytes:
    limit = settings.GONGKAI_MAX_ATTACHMENT_BYTES
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(f"PDF 文件超过大小上限（{limit // (1024 * 1024)} MB）。", field="pdf")
    if not data.startswith(b"%PDF"):
        raise InvalidInput("上传的文件不是 PDF，已拒绝。", field="pdf")
    return data


@transaction.atomic
def gazette_issue_create(
    *,
    actor: Actor,
    year: int,
    number: int,
    issued_on: dt.date,
    title: str = "",
    pdf: UploadedFile | None = None,
    clock: Clock | None = None,
) -> GazetteIssue:
    """A new issue; ``number`` is unique within ``year`` and the date must fall in that year."""
    clock = clock or get_clock()
    _require_gazette_editor(actor)
    errors: dict[str, list[str]] = {}
    if not 1949 <= year <= 2100:
        errors["year"] = ["年份不正确。"]
    if not 1 <= number <= 999:
        errors["number"] = ["期号应为 1 至 999。"]
    if issued_on.year != year:
        errors["issued_on"] = ["出版日期须在该年份内。"]
    if GazetteIssue.objects.filter(year=year, number=number).exists():
        errors["number"] = [f"{year}年第{number}期已存在。"]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    issue = GazetteIssue(
        year=year,
        number=number,
        issued_on=issued_on,
        title=(title.strip() or default_title(year, number))[:200],
        created_at=clock.now(),
    )
    if pdf is not None:
        data = _read_pdf(pdf)
        issue.pdf_sha256 = hashlib.sha256(data).hexdigest()
        issue.pdf.save("issue.pdf", ContentFile(data), save=False)
    issue.save()
    audit_record(
        actor=actor,
        action="gazette.issue_create",
        obj=issue,
        changes={"title": [None, issue.title]},
        clock=clock,
    )
    return issue


@transaction.atomic
def gazette_item_add(
    *,
    actor: Actor,
    issue: GazetteIssue,
    document: Document,
    section: str = "",
    sort_order: int | None = None,
    clock: Clock | None = None,
) -> GazetteItem:
    """Add a public document to an issue's table of contents (at the end unless ``sort_order``)."""
    _require_gazette_editor(actor)
    document = Document.objects.get(pk=document.pk)
    if not document.is_public:
        raise InvalidInput("只有已发布的主动公开文件可以收入公报。", field="document")
    if GazetteItem.objects.filter(issue=issue, document=document).exists():
        raise InvalidInput("该文件已在本期目录中。", field="document")
    if sort_order is None:
        last = GazetteItem.objects.filter(issue=issue).order_by("-sort_order").first()
        sort_order = (last.sort_order + 1) if last else 1
    item = GazetteItem.objects.create(
        issue=issue, document=document, section=section.strip()[:100], sort_order=sort_order
    )
    audit_record(
        actor=actor,
        action="gazette.item_add",
        obj=issue,
        unit=document.unit,
        changes={"document": [None, document.title]},
        clock=clock,
    )
    return item
