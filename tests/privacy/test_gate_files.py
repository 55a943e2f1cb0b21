"""Attachments the gate cannot read by itself: PDF without text (confirm by hand), corrupt Word files,
images; and the revision of a published document."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from gongkai.core.context import Actor
from gongkai.core.models import AuditEvent
from gongkai.documents.choices import Status
from gongkai.documents.services import document_revise
from gongkai.privacy.models import Decision, PrivacyDecision
from gongkai.privacy.services import PrivacyReviewRequired, document_gate_report
from tests.documents.factories import make_input, make_published
from tests.privacy.gate_helpers import NAME, PHONE, blank_pdf, login, token_of
from tests.privacy.test_gate_flow import _approve, _submitted

pytestmark = pytest.mark.django_db

CLEAN = {"body": "各区财政局：\n现将有关事项通知如下。"}


def _corrupt_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types")
        z.writestr("word/document.xml", "<w:document><broken")
    return out.getvalue()


def test_pdf_without_text_requires_confirmation_with_reason(clock, staff) -> None:
    doc = _submitted([("扫描件.pdf", blank_pdf())], **CLEAN)
    reviewer = login("admin")
    page = _approve(reviewer, doc)
    assert "1 个附件需人工审核" in page
    doc.refresh_from_db()
    assert doc.status == Status.IN_REVIEW

    url = reverse("privacy:document", args=[doc.pk])
    page = reviewer.get(url).content.decode()
    assert "没有可提取的文字层" in page and "扫描件.pdf" in page
    source = f"attachment:{doc.attachments.get().pk}"
    resp = reviewer.post(url, {"token": token_of(page), f"confirm-{source}": "1"})
    assert "须填写说明" in resp.content.decode()
    assert not PrivacyDecision.objects.exists()

    reviewer.post(
        url,
        {
            "token": token_of(page),
            f"confirm-{source}": "1",
            f"confirm-reason-{source}": "已逐页核对，无个人信息",
        },
    )
    confirm = PrivacyDecision.objects.get(decision=Decision.CONFIRM)
    assert confirm.reason == "已逐页核对，无个人信息" and confirm.decided_by == staff["admin"]
    _approve(reviewer, doc)
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED


def test_image_attachment_needs_confirmation(clock, staff) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    doc = _submitted([("现场照片.png", png)], **CLEAN)
    report = document_gate_report(doc)
    assert not report.passed
    assert "图片" in report.open_files[0].message


def test_corrupt_docx_gives_a_clear_message_and_blocks_approval(clock, staff) -> None:
    doc = _submitted([("损坏.docx", _corrupt_docx())], **CLEAN)
    reviewer = login("admin")
    page = _approve(reviewer, doc)
    assert "1 个附件无法读取" in page
    doc.refresh_from_db()
    assert doc.status == Status.IN_REVIEW
    review = reviewer.get(reverse("privacy:document", args=[doc.pk])).content.decode()
    assert "无法读取 Word 文档" in review and "删除或替换该附件" in review
    assert "须替换或删除该附件后才能发布" in review

    # Sent back, the attachment removed, resubmitted: it passes.
    reviewer.post(
        reverse("workbench:document_action", args=[doc.pk, "send_back"]), {"reason": "附件损坏，请替换"}
    )
    from gongkai.documents.services import attachment_remove, document_submit

    attachment_remove(actor=Actor(staff["handler"]), attachment=doc.attachments.get())
    document_submit(actor=Actor(staff["handler"]), document=doc)
    _approve(reviewer, doc)
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED


def test_revision_bringing_personal_data_is_refused(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    data = make_input(body=f"联系人：{NAME}，联系电话：{PHONE}。")
    with pytest.raises(PrivacyReviewRequired) as exc:
        document_revise(actor=Actor(staff["admin2"]), document=doc, data=data, change_note="补充联系人")
    assert exc.value.status_code == 409
    assert "139****5678" in exc.value.message and PHONE not in exc.value.message
    doc.refresh_from_db()
    assert doc.version == 1 and PHONE not in doc.body
    assert not AuditEvent.objects.filter(action="document.revise").exists()
    # A masked revision goes through.
    document_revise(
        actor=Actor(staff["admin2"]),
        document=doc,
        data=make_input(body="联系人：王**，联系电话：139****5678。"),
        change_note="补充联系人",
    )
    doc.refresh_from_db()
    assert doc.version == 2


def test_approval_by_service_raises_409(clock, staff) -> None:
    from gongkai.documents.services import document_approve

    doc = _submitted()
    with pytest.raises(PrivacyReviewRequired) as exc:
        document_approve(actor=Actor(staff["admin"]), document=doc)
    assert exc.value.status_code == 409 and exc.value.review_url.endswith(f"/privacy/documents/{doc.pk}/")
