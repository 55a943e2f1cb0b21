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


_ISSUE_FIELDS = ("year", "number", "issued_on", "title", "pdf_sha256")


@transaction.atomic
def gazette_issue_update(
    *,
    actor: Actor,
    issue: GazetteIssue,
    year: int,
    number: int,
    issued_on: dt.date,
    title: str = "",
    pdf: UploadedFile | None = None,
    clock: Clock | None = None,
) -> GazetteIssue:
    """Correct an issue's year, number, date or title, or replace its PDF (checked by content).

    The same rules as :func:`gazette_issue_create`; a number taken by another issue is refused.
    """
    clock = clock or get_clock()
    _require_gazette_editor(actor)
    errors: dict[str, list[str]] = {}
    if not 1949 <= year <= 2100:
        errors["year"] = ["年份不正确。"]
    if not 1 <= number <= 999:
        errors["number"] = ["期号应为 1 至 999。"]
    if issued_on.year != year:
        errors["issued_on"] = ["出版日期须在该年份内。"]
    if GazetteIssue.objects.filter(year=year, number=number).exclude(pk=issue.pk).exists():
        errors["number"] = [f"{year}年第{number}期已存在。"]
    data = _read_pdf(pdf) if pdf is not None and not errors else None
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors=errors)
    before = {name: getattr(issue, name) for name in _ISSUE_FIELDS}
    issue.year, issue.number, issue.issued_on = year, number, issued_on
    issue.title = (title.strip() or default_title(year, number))[:200]
    if data is not None:
        issue.pdf_sha256 = hashlib.sha256(data).hexdigest()
        issue.pdf.save("issue.pdf", ContentFile(data), save=False)
    after = {name: getattr(issue, name) for name in _ISSUE_FIELDS}
    changes = {k: [before[k], after[k]] for k in _ISSUE_FIELDS if before[k] != after[k]}
    if changes:
        issue.save()
        audit_record(actor=actor, action="gazette.issue_update", obj=issue, changes=changes, clock=clock)
    return issue


@transaction.atomic
def gazette_item_update(
    *,
    actor: Actor,
    item: GazetteItem,
    section: str | None = None,
    sort_order: int | None = None,
    clock: Clock | None = None,
) -> GazetteItem:
    """Move a table-of-contents entry (``sort_order``) or put it under another section."""
    _require_gazette_editor(actor)
    if sort_order is not None and not 0 <= sort_order <= 9999:
        raise InvalidInput("排序应为 0 至 9999 的整数。", field="sort_order")
    before = {"section": item.section, "sort_order": item.sort_order}
    if section is not None:
        item.section = section.strip()[:100]
    if sort_order is not None:
        item.sort_order = sort_order
    after = {"section": item.section, "sort_order": item.sort_order}
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        item.save(update_fields=["section", "sort_order"])
        audit_record(
            actor=actor,
            action="gazette.item_update",
            obj=item.issue,
            changes={"document": [item.document.title, item.document.title], **changes},
            clock=clock,
        )
    return item


@transaction.atomic
def gazette_item_remove(*, actor: Actor, item: GazetteItem, clock: Clock | None = None) -> None:
    """Take a document out of an issue's table of contents."""
    _require_gazette_editor(actor)
    audit_record(
        actor=actor,
        action="gazette.item_remove",
        obj=item.issue,
        unit=item.document.unit,
        changes={"document": [item.document.title, None]},
        clock=clock,
    )
    item.delete()
