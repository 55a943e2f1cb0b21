"""Public API of interpretations and Q&A pairs."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.core.context import Actor
from gongkai.interpretations.services import policyqa_create
from tests.documents.factories import make_draft, make_published
from tests.interpretations.helpers import make_interpretation, make_published_interpretation

pytestmark = pytest.mark.django_db


def test_list_detail_and_filter(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    other = make_published(staff["handler"], staff["admin"], doc_number="苏财〔2026〕8号")
    item = make_published_interpretation(staff["handler"], staff["admin"], [doc])
    make_published_interpretation(staff["handler"], staff["admin"], [other], title="另一解读")
    draft = make_interpretation(staff["handler"], [doc], title="草稿")
    c = Client()
    rows = c.get("/api/v1/interpretations").json()
    assert {r["title"] for r in rows} == {item.title, "另一解读"}
    rows = c.get(f"/api/v1/interpretations?document={doc.pk}").json()
    assert [r["id"] for r in rows] == [item.pk]
    assert rows[0]["documents"][0]["id"] == doc.pk and rows[0]["kind_label"] == "文字解读"
    assert c.get(f"/api/v1/interpretations/{item.pk}").json()["unit_code"] == doc.unit.code
    resp = c.get(f"/api/v1/interpretations/{draft.pk}")
    assert resp.status_code == 404 and "政策解读" in resp.json()["detail"]
    assert c.get("/api/v1/interpretations?document=abc").status_code == 422


def test_qa_pairs(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    draft = make_draft(staff["handler"], doc_number="苏财〔2026〕11号")
    policyqa_create(
        actor=Actor(staff["handler"]), document=doc, question="问", answer="答", clause_ref="第一条"
    )
    policyqa_create(actor=Actor(staff["handler"]), document=draft, question="隐藏", answer="答")
    c = Client()
    rows = c.get(f"/api/v1/qa-pairs?document={doc.pk}").json()
    assert rows == [
        {
            "id": rows[0]["id"],
            "document_id": doc.pk,
            "question": "问",
            "answer": "答",
            "clause_ref": "第一条",
            "sort_order": 1,
        }
    ]
    assert c.get(f"/api/v1/qa-pairs?document={draft.pk}").json() == []
    assert [r["question"] for r in c.get("/api/v1/qa-pairs").json()] == ["问"]
