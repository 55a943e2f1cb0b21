"""Interpretations and Q&A pairs through the services: links, publication rules, permissions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.documents.services import document_withdraw
from gongkai.interpretations.models import Interpretation, InterpretationStatus, Kind, PolicyQA
from gongkai.interpretations.selectors import (
    interpretation_list_public,
    policies_without_interpretation,
    qa_pairs_public,
)
from gongkai.interpretations.services import (
    InterpretationInput,
    interpretation_create,
    interpretation_link_documents,
    interpretation_publish,
    interpretation_withdraw,
    policyqa_create,
)
from gongkai.units.selectors import unit_subtree
from tests.documents.factories import make_draft, make_published
from tests.interpretations.helpers import make_interpretation, make_published_interpretation

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


def test_links_go_both_ways(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    other = make_published(staff["handler"], staff["admin"], doc_number="苏财规〔2026〕2号")
    item = make_interpretation(staff["handler"], [doc, other])
    assert set(item.documents.all()) == {doc, other}
    assert list(doc.interpretations.all()) == [item]  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="interpretation.create", object_id=str(item.pk)).exists()


def test_publish_refused_without_a_public_policy(clock, staff) -> None:
    draft = make_draft(staff["handler"])
    item = make_interpretation(staff["handler"], [draft])
    with pytest.raises(InvalidInput, match="已公开的政策文件"):
        interpretation_publish(actor=Actor(staff["admin"]), interpretation=item)
    item.refresh_from_db()
    assert item.status == InterpretationStatus.DRAFT and item.published_at is None
    lonely = make_interpretation(staff["handler"], [])
    with pytest.raises(InvalidInput):
        interpretation_publish(actor=Actor(staff["admin"]), interpretation=lonely)


def test_publish_sets_time_and_withdraw_hides(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    item = make_published_interpretation(staff["handler"], staff["admin"], [doc])
    assert item.published_at == clock.now()
    assert list(interpretation_list_public(document=doc)) == [item]
    with pytest.raises(IllegalTransition):
        interpretation_publish(actor=Actor(staff["admin"]), interpretation=item)
    with pytest.raises(InvalidInput):
        interpretation_withdraw(actor=Actor(staff["admin"]), interpretation=item, reason=" ")
    interpretation_withdraw(actor=Actor(staff["admin"]), interpretation=item, reason="内容需更新")
    assert list(interpretation_list_public()) == []


def test_drafts_hidden_and_withdrawn_policy_hides_its_interpretation(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    make_interpretation(staff["handler"], [doc], title="草稿解读")
    assert list(interpretation_list_public()) == []
    item = make_published_interpretation(staff["handler"], staff["admin"], [doc])
    document_withdraw(actor=Actor(staff["admin"]), document=doc, reason="有误")
    # Still listed (it is published) but the withdrawn policy is no longer shown with it.
    listed = interpretation_list_public().get(pk=item.pk)
    assert listed.public_documents == []  # type: ignore[attr-defined]
    assert list(interpretation_list_public(document=doc)) == []


def test_permission_refusals_change_nothing(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    before = (Interpretation.objects.count(), AuditEvent.objects.count())
    with pytest.raises(NotPermitted):  # a handler of the office may not write for the finance bureau
        interpretation_create(
            actor=Actor(staff["other_handler"]),
            unit=doc.unit,
            data=InterpretationInput(title="越权", body="正文"),
            documents=[doc],
        )
    with pytest.raises(NotPermitted):  # evaluators change nothing
        policyqa_create(actor=Actor(staff["evaluator"]), document=doc, question="问", answer="答")
    assert (Interpretation.objects.count(), AuditEvent.objects.count()) == before
    item = make_interpretation(staff["handler"], [doc])
    with pytest.raises(NotPermitted):  # handlers write, reviewers publish
        interpretation_publish(actor=Actor(staff["handler"]), interpretation=item)
    with pytest.raises(NotPermitted):
        interpretation_publish(actor=Actor(staff["district_office"]), interpretation=item)
    item.refresh_from_db()
    assert item.status == InterpretationStatus.DRAFT
    assert PolicyQA.objects.count() == 0


def test_other_units_drafts_cannot_be_linked(clock, staff) -> None:
    foreign_draft = make_draft(staff["other_handler"])
    with pytest.raises(InvalidInput):
        make_interpretation(staff["handler"], [foreign_draft])
    item = make_interpretation(staff["handler"], [])
    with pytest.raises(InvalidInput):
        interpretation_link_documents(
            actor=Actor(staff["handler"]), interpretation=item, documents=[foreign_draft]
        )
    public = make_published(staff["other_handler"], staff["office"])
    interpretation_link_documents(actor=Actor(staff["handler"]), interpretation=item, documents=[public])
    assert list(item.documents.all()) == [public]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": " "}, "title"),
        ({"kind": Kind.TEXT, "body": ""}, "body"),
        ({"kind": Kind.VIDEO, "body": "", "video_url": ""}, "video_url"),
        ({"kind": Kind.VIDEO, "video_url": "javascript:alert(1)"}, "video_url"),
        ({"kind": Kind.VIDEO, "video_url": "ftp://example.cn/v.mp4"}, "video_url"),
        ({"kind": Kind.IMAGE}, "image"),
    ],
)
def test_invalid_input_is_refused(clock, staff, overrides, field) -> None:
    with pytest.raises(InvalidInput) as info:
        make_interpretation(staff["handler"], [], **overrides)
    assert field in info.value.errors
    assert Interpretation.objects.count() == 0


def test_video_and_image_interpretations(clock, staff, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    video = make_interpretation(
        staff["handler"], [], kind=Kind.VIDEO, body="", video_url="https://v.example.cn/1"
    )
    assert video.video_url == "https://v.example.cn/1"
    with pytest.raises(InvalidInput, match="不符"):
        interpretation_create(
            actor=Actor(staff["handler"]),
            unit=staff["handler"].unit,
            data=InterpretationInput(title="图解", kind=Kind.IMAGE),
            image=SimpleUploadedFile("fake.png", b"<script>alert(1)</script>"),
        )
    item = interpretation_create(
        actor=Actor(staff["handler"]),
        unit=staff["handler"].unit,
        data=InterpretationInput(title="图解", kind=Kind.IMAGE),
        image=SimpleUploadedFile("../../图解.PNG", PNG),
    )
    assert item.image_extension == "png" and item.image.name.startswith("interpretations/")
    assert ".." not in item.image.name


def test_qa_pairs_ordered_and_public_only(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    draft = make_draft(staff["handler"], doc_number="苏财规〔2026〕9号")
    first = policyqa_create(actor=Actor(staff["handler"]), document=doc, question="问一", answer="答一")
    second = policyqa_create(
        actor=Actor(staff["handler"]), document=doc, question="问二", answer="答二", clause_ref="第三条"
    )
    policyqa_create(actor=Actor(staff["handler"]), document=draft, question="草稿问", answer="答")
    assert (first.sort_order, second.sort_order) == (1, 2)
    assert list(qa_pairs_public()) == [first, second]
    assert list(qa_pairs_public(document=draft)) == []
    with pytest.raises(InvalidInput):
        policyqa_create(actor=Actor(staff["handler"]), document=doc, question="", answer="答")


def test_policies_without_interpretation(clock, staff, units) -> None:
    notice = make_published(staff["handler"], staff["admin"], title="征缴通知")
    rule = make_published(
        staff["handler"], staff["admin"], title="管理办法", genre="规范性文件", doc_number="苏财规〔2026〕3号"
    )
    make_published(
        staff["handler"], staff["admin"], title="工作简报", genre="通报", doc_number="苏财〔2026〕4号"
    )
    make_draft(staff["handler"], title="未发布的意见", genre="意见", doc_number="苏财〔2026〕5号")
    district_doc = make_published(staff["district_office"], staff["office"], title="区里的通知")
    assert set(policies_without_interpretation(None)) == {notice, rule, district_doc}
    assert set(policies_without_interpretation(unit_subtree(units["district"]))) == {district_doc}
    make_interpretation(staff["handler"], [rule])  # a draft interpretation does not count
    assert rule in policies_without_interpretation(None)
    make_published_interpretation(staff["handler"], staff["admin"], [rule])
    assert set(policies_without_interpretation(None)) == {notice, district_doc}
