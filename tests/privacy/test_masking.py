"""Masking operators and policies."""

from __future__ import annotations

from gongkai.privacy import (
    DEFAULT_POLICY,
    STRICT_POLICY,
    Finding,
    MaskState,
    Operator,
    Rule,
    generalise_address,
    mask,
    mask_value,
    redact_text,
)
from gongkai.privacy.types import ADDRESS, ID_CARD, MOBILE, ORG, PERSON, USCC


def test_default_masks_keep_prefix_and_suffix() -> None:
    assert mask_value("张三丰", PERSON, DEFAULT_POLICY.rule_for(PERSON)) == "张**"
    assert mask_value("欧阳娜娜", PERSON, DEFAULT_POLICY.rule_for(PERSON)) == "欧阳**"
    assert mask_value("320508199001012314", ID_CARD, DEFAULT_POLICY.rule_for(ID_CARD)) == "320***********2314"
    assert mask_value("13912345678", MOBILE, DEFAULT_POLICY.rule_for(MOBILE)) == "139****5678"
    assert mask_value("+86 139-1234-5678", MOBILE, DEFAULT_POLICY.rule_for(MOBILE)) == "+86 139-****-5678"


def test_placeholder_suppress_generalise() -> None:
    assert mask_value("张三", PERSON, Rule(Operator.REPLACE)) == "【姓名】"
    assert mask_value("张三", PERSON, Rule(Operator.REPLACE, placeholder="【申请人】")) == "【申请人】"
    assert mask_value("张三", PERSON, Rule(Operator.SUPPRESS)) == ""
    assert generalise_address("苏州市姑苏区人民路88号3幢201室") == "苏州市姑苏区****"
    assert generalise_address("江苏省苏州市吴中区木渎镇某某村5组") == "江苏省苏州市吴中区****"
    assert generalise_address("人民路88号") == "****"


def test_pseudonyms_consistent_within_text() -> None:
    text = "张三与李四争执，张三报警。"
    fs = [Finding(0, 2, PERSON, "张三", 0.9, "t"), Finding(3, 5, PERSON, "李四", 0.9, "t")]
    fs.append(Finding(8, 10, PERSON, "张三", 0.9, "t"))
    result = mask(text, fs, STRICT_POLICY)
    assert result.text == "当事人甲与当事人乙争执，当事人甲报警。"
    state = MaskState()
    mask(text, fs, STRICT_POLICY, state)
    assert mask("李四", [Finding(0, 2, PERSON, "李四", 0.9, "t")], STRICT_POLICY, state).text == "当事人乙"


def test_default_policy_keeps_organisations_and_uscc() -> None:
    text = "某公司 91320500MA1M9ABC1X"
    fs = [Finding(0, 3, ORG, "某公司", 0.9, "t"), Finding(4, 22, USCC, text[4:22], 0.97, "t")]
    result = mask(text, fs)
    assert result.text == text
    assert result.replacements == []


def test_replacements_record_original_positions() -> None:
    result = redact_text("申请人王小明，住苏州市姑苏区人民路88号3幢201室，手机13912345678。")
    assert result.text == "申请人王**，住苏州市姑苏区****，手机139****5678。"
    labels = [(r.label, r.original) for r in result.replacements]
    assert labels[0] == (PERSON, "王小明")
    assert labels[1][0] == ADDRESS
    for r in result.replacements:
        assert r.start < r.end


def test_low_confidence_not_masked() -> None:
    fs = [Finding(0, 2, PERSON, "张三", 0.3, "t")]
    assert mask("张三", fs).text == "张三"
