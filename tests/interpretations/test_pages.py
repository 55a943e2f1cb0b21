"""Public interpretation pages, the policy page block and the workbench pages, over HTTP."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.core.context import Actor
from gongkai.interpretations.models import Interpretation, InterpretationStatus, PolicyQA
from gongkai.interpretations.services import policyqa_create
from tests.documents.factories import make_draft, make_published
from tests.interpretations.helpers import login, make_interpretation, make_published_interpretation

pytestmark = pytest.mark.django_db


def test_policy_page_shows_interpretations_and_qa(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    item = make_published_interpretation(staff["handler"], staff["admin"], [doc], title="公开的解读<b>")
    make_interpretation(staff["handler"], [doc], title="草稿解读不应出现")
    policyqa_create(
        actor=Actor(staff["handler"]),
        document=doc,
        question="谁需要缴费？",
        answer="参保单位。",
        clause_ref="第三条",
    )
    html = Client().get(reverse("portal:document", args=[doc.pk])).content.decode()
    assert "政策解读" in html and "公开的解读&lt;b&gt;" in html
    assert reverse("interpretations:detail", args=[item.pk]) in html
    assert "草稿解读不应出现" not in html
    assert "谁需要缴费？" in html and "第三条" in html and "参保单位。" in html


def test_interpretation_page_lists_its_policies(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    item = make_published_interpretation(staff["handler"], staff["admin"], [doc])
    c = Client()
    html = c.get(reverse("interpretations:detail", args=[item.pk])).content.decode()
    assert reverse("portal:document", args=[doc.pk]) in html
    assert item.title in c.get(reverse("interpretations:index")).content.decode()
    draft = make_interpretation(staff["handler"], [doc], title="草稿")
    assert c.get(reverse("interpretations:detail", args=[draft.pk])).status_code == 404
    assert "草稿" not in c.get(reverse("interpretations:index")).content.decode()


def test_workbench_create_and_publish(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    handler = login("handler")
    resp = handler.post(
        reverse("interpretations:manage_new"),
        {
            "unit": doc.unit.code,
            "title": "图文解读",
            "kind": "text",
            "body": "要点",
            "documents": str(doc.pk),
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    item = Interpretation.objects.get(title="图文解读")
    assert list(item.documents.all()) == [doc]
    # The handler may not publish: forbidden, nothing changes.
    assert handler.post(reverse("interpretations:manage_publish", args=[item.pk])).status_code == 403
    item.refresh_from_db()
    assert item.status == InterpretationStatus.DRAFT
    admin = login("admin")
    assert "发布" in admin.get(reverse("interpretations:manage_detail", args=[item.pk])).content.decode()
    admin.post(reverse("interpretations:manage_publish", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == InterpretationStatus.PUBLISHED
    assert "图文解读" in handler.get(reverse("interpretations:manage_list")).content.decode()


def test_workbench_form_errors_in_chinese(clock, staff) -> None:
    handler = login("handler")
    resp = handler.post(
        reverse("interpretations:manage_new"),
        {"unit": staff["handler"].unit.code, "title": "视频", "kind": "video", "video_url": "javascript:x"},
    )
    assert resp.status_code == 200 and "http://" in resp.content.decode()
    foreign = make_draft(staff["other_handler"])
    resp = handler.post(
        reverse("interpretations:manage_new"),
        {
            "unit": staff["handler"].unit.code,
            "title": "t",
            "kind": "text",
            "body": "b",
            "documents": str(foreign.pk),
        },
    )
    assert "未找到编号为" in resp.content.decode()
    assert Interpretation.objects.count() == 0


def test_workbench_qa_page(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    url = reverse("interpretations:manage_qa", args=[doc.pk])
    resp = login("handler").post(
        url, {"question": "何时截止？", "answer": "6月30日。", "clause_ref": "第五条"}
    )
    assert resp.status_code == 302
    assert PolicyQA.objects.filter(document=doc, question="何时截止？").exists()
    # Staff of another unit may read a public policy but may not add Q&A to it.
    assert login("other_handler").post(url, {"question": "越权", "answer": "x"}).status_code == 403
    assert PolicyQA.objects.count() == 1


def test_missing_page_scope(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"], title="待解读的通知")
    district = make_published(staff["district_office"], staff["office"], title="区待解读通知")
    url = reverse("interpretations:missing")
    city_html = login("office").get(url).content.decode()
    assert doc.title in city_html and district.title in city_html
    district_html = login("district_office").get(url).content.decode()
    assert district.title in district_html and doc.title not in district_html
    assert login("evaluator").get(url).status_code == 200
    assert login("admin").get(url).status_code == 403
    assert login("handler").get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the login page
