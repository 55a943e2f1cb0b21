"""The publishing gate over HTTP: refused approval, the review page, masking, publication."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.documents.choices import Status
from gongkai.documents.models import Document
from gongkai.privacy.models import Decision, PrivacyDecision
from tests.privacy.gate_helpers import (
    CITIZEN,
    FORM,
    ID_NUMBER,
    NAME,
    PHONE,
    RAW_VALUES,
    docx_bytes,
    docx_plain,
    login,
    token_of,
)

pytestmark = pytest.mark.django_db


def _submitted(files: list[tuple[str, bytes]] | None = None, **overrides: Any) -> Document:
    author = login("handler")
    assert author.post(reverse("workbench:document_new"), {**FORM, **overrides}).status_code == 302
    doc = Document.objects.latest("id")
    for name, data in files or []:
        resp = author.post(
            reverse("workbench:document_action", args=[doc.pk, "attach"]),
            {"file": SimpleUploadedFile(name, data)},
            follow=True,
        )
        assert "附件已上传" in resp.content.decode(), resp.content.decode()[-2000:]
    author.post(reverse("workbench:document_action", args=[doc.pk, "submit"]))
    doc.refresh_from_db()
    assert doc.status == Status.IN_REVIEW
    return doc


def _approve(client: Client, doc: Document) -> str:
    resp = client.post(reverse("workbench:document_action", args=[doc.pk, "approve"]), follow=True)
    return resp.content.decode()


def test_personal_data_blocks_then_masked_and_published(clock, staff) -> None:
    word = docx_bytes("信访事项处理意见书", CITIZEN)
    doc = _submitted([("处理意见书.docx", word)])
    reviewer = login("admin")

    page = _approve(reviewer, doc)
    doc.refresh_from_db()
    assert doc.status == Status.IN_REVIEW
    assert "含有未处理的个人信息" in page and f"/workbench/privacy/documents/{doc.pk}/" in page
    assert not AuditEvent.objects.filter(action="document.publish").exists()

    review_url = reverse("privacy:document", args=[doc.pk])
    page = reviewer.get(review_url).content.decode()
    for label in ("姓名", "身份证号码", "手机号码", "地址"):
        assert label in page
    for value in (NAME, ID_NUMBER, PHONE):
        assert f"<mark>{value}</mark>" in page
        assert page.count(f"<mark>{value}</mark>") >= 2  # body and Word attachment
    assert "处理意见书.docx" in page and "320***********1239" in page
    assert AuditEvent.objects.filter(
        action="privacy.view", actor=staff["admin"], object_id=str(doc.pk)
    ).exists()

    resp = reviewer.post(review_url, {"token": token_of(page)})  # every finding: 遮盖 (default)
    assert resp.status_code == 302
    doc.refresh_from_db()
    assert doc.status == Status.IN_REVIEW
    for value in RAW_VALUES:
        assert value not in doc.body
    assert "王**" in doc.body and "139****5678" in doc.body

    page = _approve(reviewer, doc)
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED, page[-3000:]

    public = Client()
    html = public.get(reverse("portal:document", args=[doc.pk])).content.decode()
    assert "王**" in html
    for value in RAW_VALUES:
        assert value not in html
    attachment = doc.attachments.get()
    download = public.get(reverse("portal:attachment", args=[doc.pk, attachment.pk]))
    data = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    text = docx_plain(data)
    assert "信访事项处理意见书" in text and "139****5678" in text
    for value in RAW_VALUES:
        assert value not in text

    event = AuditEvent.objects.get(action="privacy.apply")
    dump = str(event.changes) + event.note
    for value in RAW_VALUES:
        assert value not in dump
    assert ["MOBILE", 2] in event.changes["masked"]
    assert re.search(r"sha256 [0-9a-f]{64} → " + attachment.sha256, event.note)
    assert PrivacyDecision.objects.filter(decision=Decision.MASK, decided_by=staff["admin"]).count() >= 8


def test_override_with_reason_keeps_value_and_is_audited(clock, staff) -> None:
    doc = _submitted(body=f"联系人：{NAME}，联系电话：{PHONE}。")
    reviewer = login("admin")
    url = reverse("privacy:document", args=[doc.pk])
    page = reviewer.get(url).content.decode()
    indices = re.findall(r'name="decision-(\d+)" value="keep"', page)
    assert len(indices) == 2
    data = {"token": token_of(page)}
    name_i, phone_i = indices
    data[f"decision-{name_i}"] = "keep"
    data[f"reason-{name_i}"] = "本人同意公开其作为联系人的姓名"
    data[f"decision-{phone_i}"] = "custom"
    data[f"replacement-{phone_i}"] = "（电话略）"
    assert reviewer.post(url, data).status_code == 302
    doc.refresh_from_db()
    assert NAME in doc.body and PHONE not in doc.body and "（电话略）" in doc.body
    kept = PrivacyDecision.objects.get(decision=Decision.KEEP)
    assert kept.reason == "本人同意公开其作为联系人的姓名" and kept.label == "PERSON"
    assert NAME not in kept.fingerprint and kept.replacement == ""
    event = AuditEvent.objects.get(action="privacy.apply")
    assert event.changes["kept"] == [["PERSON", "王**", "本人同意公开其作为联系人的姓名"]]
    assert NAME not in str(event.changes)

    _approve(reviewer, doc)
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED
    assert NAME in Client().get(reverse("portal:document", args=[doc.pk])).content.decode()


def test_override_without_reason_is_refused_and_nothing_changes(clock, staff) -> None:
    doc = _submitted(body=f"联系人：{NAME}，联系电话：{PHONE}。")
    before = doc.body
    reviewer = login("admin")
    url = reverse("privacy:document", args=[doc.pk])
    page = reviewer.get(url).content.decode()
    first = re.findall(r'name="decision-(\d+)" value="keep"', page)[0]
    resp = reviewer.post(url, {"token": token_of(page), f"decision-{first}": "keep", f"reason-{first}": " "})
    assert resp.status_code == 200
    assert "须填写理由" in resp.content.decode()
    doc.refresh_from_db()
    assert doc.body == before
    assert not PrivacyDecision.objects.exists()
    assert not AuditEvent.objects.filter(action="privacy.apply").exists()
    assert "含有未处理的个人信息" in _approve(reviewer, doc)


def test_handler_and_evaluator_cannot_open_the_review_page(clock, staff) -> None:
    doc = _submitted()
    url = reverse("privacy:document", args=[doc.pk])
    assert login("handler").get(url).status_code == 403
    assert login("handler").post(url, {"token": "x"}).status_code == 403
    assert login("evaluator").get(url).status_code == 403
    assert login("district_office").get(url).status_code == 403  # another subtree
    assert not AuditEvent.objects.filter(action="privacy.view").exists()
    assert login("office").get(url).status_code == 200  # the city's openness office


def test_stale_token_is_refused(clock, staff) -> None:
    doc = _submitted()
    reviewer = login("admin")
    url = reverse("privacy:document", args=[doc.pk])
    resp = reviewer.post(url, {"token": "0" * 32})
    assert "内容已发生变化" in resp.content.decode()
    doc.refresh_from_db()
    assert NAME in doc.body


def test_detail_page_links_to_the_review(clock, staff) -> None:
    doc = _submitted()
    page = login("admin").get(reverse("workbench:document", args=[doc.pk])).content.decode()
    assert reverse("privacy:document", args=[doc.pk]) in page
