"""Scanning what is already on the portal: command, task, the openness office's page."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.privacy.models import PrivacyReview, ReviewState
from gongkai.privacy.tasks import privacy_scan_published_task
from tests.api.helpers import published
from tests.privacy.gate_helpers import PHONE, login

pytestmark = pytest.mark.django_db


def _leaky(units):  # type: ignore[no-untyped-def]
    published(units["finance"], title="关于补发补贴的通知", body="各区财政局：\n现将有关事项通知如下。")
    return published(
        units["finance"],
        title="关于社保补贴发放情况的公示",
        body=f"各有关单位：\n如有疑问请联系经办人，手机：{PHONE}。",
    )


def test_command_lists_a_leaked_phone_number(clock, units, staff) -> None:
    leaky = _leaky(units)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("privacy_scan_published", stdout=out)
    assert exc.value.code == 3
    text = out.getvalue()
    assert f"#{leaky.pk} 关于社保补贴发放情况的公示" in text
    assert "手机号码" in text and "139****5678" in text
    assert PHONE not in text  # the report itself does not spread the number
    assert "共检查 2 件已发布文件，1 件含有待处理的个人信息" in text
    review = PrivacyReview.objects.get(subject_id=str(leaky.pk))
    assert review.state == ReviewState.PENDING and review.label_counts == {"MOBILE": 1}
    assert PrivacyReview.objects.filter(state=ReviewState.CLEAN).count() == 1


def test_task_and_office_page_counts_only_for_evaluators(clock, units, staff) -> None:
    leaky = _leaky(units)
    assert privacy_scan_published_task().get() == 1
    url = reverse("privacy:office")
    office = login("office").get(url).content.decode()
    assert "苏州市财政局" in office and "手机号码 1" in office
    assert reverse("privacy:document", args=[leaky.pk]) in office
    evaluator = login("evaluator").get(url).content.decode()
    assert "手机号码 1" in evaluator
    assert reverse("privacy:document", args=[leaky.pk]) not in evaluator
    assert PHONE not in office and PHONE not in evaluator
    assert login("handler").get(url).status_code == 403


def test_masking_a_published_document_is_a_new_version(clock, units, staff) -> None:
    from tests.privacy.gate_helpers import token_of

    leaky = _leaky(units)
    office = login("office")
    url = reverse("privacy:document", args=[leaky.pk])
    page = office.get(url).content.decode()
    assert office.post(url, {"token": token_of(page)}).status_code == 302
    leaky.refresh_from_db()
    assert PHONE not in leaky.body and leaky.version == 2
    assert leaky.versions.filter(change_note="遮盖个人信息").exists()
    assert PrivacyReview.objects.get(subject_id=str(leaky.pk)).state == ReviewState.RESOLVED
