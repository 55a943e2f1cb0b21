"""Documents as subjects of the gate: title, summary, keywords, body and every attachment."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.urls import reverse

from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput
from gongkai.documents.choices import Status
from gongkai.documents.models import Attachment, Document
from gongkai.privacy.services.gate import (
    GateFile,
    GateReport,
    GateText,
    PrivacyReviewRequired,
    privacy_gate_check,
)
from gongkai.units.models import Unit

TEXT_FIELDS = (("title", "标题"), ("summary", "内容概述"), ("keywords", "主题词"), ("body", "正文"))
WRITABLE_STATES = {Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED}


@dataclass
class DocumentSubject:
    document: Document

    @property
    def obj(self) -> models.Model:
        return self.document

    @property
    def unit(self) -> Unit | None:
        return self.document.unit

    @property
    def label(self) -> str:
        return self.document.title

    @property
    def published(self) -> bool:
        return self.document.status == Status.PUBLISHED

    def texts(self) -> list[GateText]:
        return [GateText(key, name, getattr(self.document, key) or "") for key, name in TEXT_FIELDS]

    def files(self) -> list[GateFile]:
        out = []
        for a in Attachment.objects.filter(document_id=self.document.pk).order_by("id"):
            try:
                with a.file.open("rb") as fh:
                    data = fh.read()
                error = ""
            except (OSError, ValueError):
                data, error = b"", "文件不存在或无法打开。"
            out.append(GateFile(f"attachment:{a.pk}", a.original_name, a.extension, data, error))
        return out

    def review_url(self) -> str:
        return reverse("privacy:document", args=[self.document.pk])

    def check_writable(self) -> None:
        if self.document.status not in WRITABLE_STATES:
            raise IllegalTransition(
                f"文件当前状态为“{self.document.get_status_display()}”，不能处理个人信息。"  # type: ignore[attr-defined]
            )

    def write(
        self, *, actor: Actor, texts: dict[str, str], files: dict[str, bytes], now: dt.datetime
    ) -> list[str]:
        doc = Document.objects.select_for_update().get(pk=self.document.pk)
        limits = {f.name: f.max_length for f in Document._meta.fields if f.name in texts}
        for key, value in texts.items():
            limit = limits.get(key)
            if limit and len(value) > limit:
                raise InvalidInput(f"替换后{dict(TEXT_FIELDS)[key]}超过{limit}字，请缩短替换内容。")
            setattr(doc, key, value)
        notes = []
        for key, data in files.items():
            attachment = Attachment.objects.get(pk=int(key.split(":", 1)[1]), document_id=doc.pk)
            old = attachment.sha256
            attachment.sha256 = hashlib.sha256(data).hexdigest()
            attachment.size_bytes = len(data)
            # The masked bytes replace the file; the original stays out of every public path.
            attachment.file.save(attachment.original_name, ContentFile(data), save=False)
            attachment.save()
            notes.append(
                f"附件“{attachment.original_name}”已替换为遮盖后的文件：sha256 {old} → {attachment.sha256}"
            )
        doc.updated_at = now
        if doc.status == Status.PUBLISHED:
            from gongkai.documents.services.common import record_version
            from gongkai.documents.signals import document_changed

            doc.version += 1
            record_version(doc, actor=actor, at=now, note="遮盖个人信息")
            pk = doc.pk
            transaction.on_commit(lambda: document_changed.send(sender=Document, document_id=pk))
        doc.save()
        self.document = doc
        return notes


def document_subject(document: Document) -> DocumentSubject:
    return DocumentSubject(document)


def document_gate_report(document: Document) -> GateReport:
    subject = DocumentSubject(document)
    return privacy_gate_check(subject=document, texts=subject.texts(), files=subject.files())


def document_gate_require(document: Document) -> GateReport:
    """Refuse publication while personal information is undecided (PrivacyReviewRequired, 409)."""
    report = document_gate_report(document)
    if not report.passed:
        url = DocumentSubject(document).review_url()
        raise PrivacyReviewRequired(
            f"文件含有未处理的个人信息（{report.summary()}），不能发布。"
            f"请在个人信息核对页面 {url} 逐项处理（遮盖、替换或说明理由后保留）后再审核发布。",
            review_url=url,
        )
    return report


def document_revision_gate(document: Document) -> None:
    """A revision of a published document must not bring new personal information onto the portal.

    ``document`` carries the revised (unsaved) values; decisions already recorded still apply.
    """
    report = document_gate_report(document)
    if report.passed:
        return
    shown = "、".join(f"{f.label_zh}“{f.proposed}”" for f in report.open_findings[:10])
    files = "；".join(i.message for i in report.open_files[:3])
    raise PrivacyReviewRequired(
        "修订内容含有未处理的个人信息"
        + (f"：{shown}" if shown else "")
        + (f"；{files}" if files else "")
        + "。请遮盖后重新提交修订；确需保留的，请撤回文件后重新编辑并提交审核，在个人信息核对页面说明理由。",
        review_url=DocumentSubject(document).review_url(),
    )
