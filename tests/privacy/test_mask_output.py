"""What ``mask`` writes is not personal information: scanning masked text must not report it again."""

from __future__ import annotations

import pytest

from gongkai.privacy import (
    DEFAULT_POLICY,
    STRICT_POLICY,
    Operator,
    Policy,
    ScanOptions,
    mask,
    scan_many,
    scan_text,
)
from gongkai.privacy.masking import mask_output_spans, pseudonyms_in
from gongkai.privacy.types import PLACE

TEXT = (
    "申请人王小明，住苏州市姑苏区人民路88号3幢201室，手机13912345678。"
    "投诉人李四反映，经办人张伟称已处理。邮箱wangxm@example.com，微信号wxid_abc123，QQ号123456789，"
    "车牌苏E12345，IP 192.168.1.20，护照号E12345678，电话0512-65123456。"
    "当事人王五与当事人赵六发生纠纷，王五称赵六欠款。欧阳娜娜、丁伟出席。"
)


def _masked_labels(policy: Policy) -> set[str]:
    return {label for label, rule in policy.rules.items() if rule.operator is not Operator.KEEP}


@pytest.mark.parametrize("policy", [DEFAULT_POLICY, STRICT_POLICY], ids=lambda p: p.name)
@pytest.mark.parametrize("ner", ["gated", "off"])
def test_scan_of_masked_text_finds_nothing_masked(policy: Policy, ner: str) -> None:
    options = ScanOptions(ner=ner)  # type: ignore[arg-type]
    first = mask(TEXT, scan_text(TEXT, options), policy)
    assert len(first.replacements) >= 10
    again = [f for f in scan_text(first.text, options) if f.label in _masked_labels(policy)]
    assert again == []
    assert mask(first.text, scan_text(first.text, options), policy).text == first.text


@pytest.mark.parametrize(
    "text",
    [
        "联系人：王**，联系电话：139****5678。",
        "联系人：王＊＊，联系电话：139＊＊＊＊5678。",  # full-width, as typed by hand
        "出席：欧阳**、司马*。",  # kept compound surname next to the mask
        "申请人【姓名】，电话【手机号码】，IP【IP地址】，住址【地址】。",
        "当事人甲、当事人乙、当事人丙与当事人丁出席。当事人丁于2020年申请。",
    ],
)
def test_mask_output_is_not_reported(text: str) -> None:
    assert [f for f in scan_text(text) if f.label != PLACE] == []


def test_real_values_next_to_mask_output_are_still_reported() -> None:
    # a name before a footnote star is not a masked name
    assert ("PERSON", "张三") in {(f.label, f.text) for f in scan_text("张三*、李四反映情况。")}
    # without 当事人甲/乙/丙 around, "当事人丁伟" names a person
    assert "丁伟" in {f.text for f in scan_text("当事人丁伟出席。")}
    # a real phone number in a text that also holds a masked one
    assert {f.text for f in scan_text("旧号码139****5678，新号码13812345678。")} == {"13812345678"}


def test_pseudonyms_need_their_sequence_across_the_batch() -> None:
    assert pseudonyms_in(["当事人丁出席"]) == frozenset()
    assert pseudonyms_in(["当事人甲", "当事人乙与当事人丙", "当事人丁出席"]) == frozenset(
        {"当事人甲", "当事人乙", "当事人丙", "当事人丁"}
    )
    # paragraphs of one document are scanned in one batch, so the numbering spans them
    alone, together = (
        scan_many(["当事人丁出席。"]),
        scan_many(["当事人甲、当事人乙、当事人丙到场。", "当事人丁出席。"]),
    )
    assert [f.text for f in alone[0]] == ["丁出席"]
    assert together == [[], []]


def test_mask_output_spans_and_custom_mask_character() -> None:
    text = "王**于【姓名】处"
    assert mask_output_spans(text) == [(1, 3), (4, 8)]
    assert mask_output_spans("见当事人甲**与【姓名】【地址】", pseudonyms=["当事人甲"]) == [(1, 7), (8, 16)]
    text = "经办人张XX称已处理。"
    assert [f.text for f in scan_text(text)] == ["张XX"]  # "X" is not a mask character by default
    assert scan_text(text, ScanOptions(mask_chars="X")) == []
    # the filter is what keeps "王**" out (without mask characters it is found)
    assert [f.text for f in scan_text("联系人：王**。", ScanOptions(mask_chars=""))] == ["王*"]
