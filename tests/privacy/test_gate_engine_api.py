"""The gate on the engine's public API: masking findings in Word files, masked values not re-reported."""

from __future__ import annotations

import pytest

from gongkai import privacy
from gongkai.core.errors import ApplicationError
from gongkai.privacy.services import GateFile, GateText, privacy_gate_check
from gongkai.privacy.services.gate import apply_to_docx
from tests.documents.factories import make_published
from tests.privacy.gate_helpers import CITIZEN, NAME, PHONE, docx_bytes, docx_plain


def _report(subject, texts=(), files=()):  # type: ignore[no-untyped-def]
    return privacy_gate_check(subject=subject, texts=texts, files=files)


@pytest.mark.django_db
def test_gate_masks_chosen_findings_of_a_word_file(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    word = docx_bytes("信访事项处理意见书", CITIZEN)
    report = _report(doc, files=[GateFile("attachment:1", "意见书.docx", "docx", word)])
    by_text = {f.text: f for f in report.findings}
    assert NAME in by_text and PHONE in by_text
    out = apply_to_docx(word, [(by_text[NAME], "王某"), (by_text[PHONE], "139****5678")])
    text = docx_plain(out)
    assert "申请人王某" in text and "139****5678" in text and PHONE not in text
    # the file changed since the report: refused, not masked at the wrong place
    with pytest.raises(ApplicationError, match="附件内容已变化"):
        apply_to_docx(docx_bytes("信访事项处理意见书", "经查，" + CITIZEN), [(by_text[NAME], "王某")])


@pytest.mark.django_db
def test_masked_values_are_not_findings_any_more(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    masked = privacy.redact_text(CITIZEN).text
    strict = privacy.redact_text(CITIZEN, privacy.STRICT_POLICY).text
    texts = [
        GateText("body", "正文", masked),
        GateText("note", "备注", strict),
        GateText("hand", "附注", "联系人：王＊＊，联系电话：139＊＊＊＊5678。"),
    ]
    report = _report(doc, texts=texts, files=[GateFile("a:1", "意见书.docx", "docx", docx_bytes(masked))])
    assert [f for f in report.findings if f.label != "PLACE"] == []
    assert report.passed


@pytest.mark.django_db
def test_policy_mask_character_is_recognised(clock, staff) -> None:
    doc = make_published(staff["handler"], staff["admin"])
    texts = [GateText("body", "正文", "经办人张XX称已处理。")]
    assert [f.text for f in _report(doc, texts=texts).findings] == ["张XX"]
    policy = privacy.DEFAULT_POLICY.with_rule(
        "PERSON", privacy.Rule(privacy.Operator.MASK, keep_surname=True, mask_char="X")
    )
    assert privacy_gate_check(subject=doc, texts=texts, policy=policy).findings == []
