"""Unit tests per detector, including near misses."""

from __future__ import annotations

import itertools

import pytest

from gongkai.privacy import ScanOptions, scan_text
from gongkai.privacy import checksums as cs
from gongkai.privacy.rules import normalise_width
from gongkai.privacy.types import (
    ADDRESS,
    BANK_CARD,
    EMAIL,
    ID_CARD,
    IP,
    LANDLINE,
    MOBILE,
    ORG,
    PASSPORT,
    PERSON,
    PLACE,
    PLATE,
    QQ,
    USCC,
    WECHAT,
)

PATTERNS = ScanOptions(ner="off")


def labels(text: str, options: ScanOptions = PATTERNS) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in scan_text(text, options):
        out.setdefault(f.label, []).append(f.text)
    return out


def test_reference_id_sample_and_checksums() -> None:
    assert cs.is_valid_id18("11010519491231002X")
    assert cs.id_check_char("11010519491231002") == "X"
    assert not cs.is_valid_id18("110105194912310021")
    assert cs.luhn_valid("4111111111111111")
    assert not cs.luhn_valid("4111111111111112")


def test_id_card_18_and_15() -> None:
    found = labels("身份证号码11010519491231002X，旧证号码110105491231002。")
    assert found[ID_CARD] == ["11010519491231002X", "110105491231002"]


@pytest.mark.parametrize(
    "text",
    [
        "号码110105194912310021作废",  # wrong check digit
        "号码110105194902300023作废",  # 30 February
        "号码110105194913010020作废",  # month 13
        "号码990105194912310020作废",  # no such province
        "号码110105491331002作废",  # 15-digit with month 13
    ],
)
def test_id_card_near_misses(text: str) -> None:
    assert ID_CARD not in labels(text)


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("联系电话13912345678。", "13912345678"),
        ("手机：+86 139 1234 5678", "+86 139 1234 5678"),
        ("手机139-1234-5678", "139-1234-5678"),
        ("手机８６１３９１２３４５６７８", "８６１３９１２３４５６７８"),
    ],
)
def test_mobile(text: str, phone: str) -> None:
    assert labels(text)[MOBILE] == [phone]


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("办公室电话0512-65223456。", "0512-65223456"),
        ("电话（0512）65223456", "（0512）65223456"),
        ("总机010-62345678转8001", "010-62345678转8001"),
        ("热线电话：6522345", "6522345"),
        ("香港办事处 +852 2335 2385", "+852 2335 2385"),
    ],
)
def test_landline(text: str, phone: str) -> None:
    assert labels(text)[LANDLINE] == [phone]


@pytest.mark.parametrize(
    "text",
    [
        "苏府办〔2018〕193号",
        "于2020-05-12发布，2020年5月12日施行",
        "金额13912345678元",
        "共计1,234,567.89元",
        "依据《条例》第十二条第三款、第12条",
        "文号：国办发〔2019〕11号，编号20190001",
        "报告期内营收12345678万元",
        "序号 12345678",
    ],
)
def test_no_phone_or_card_false_positives(text: str) -> None:
    found = labels(text)
    assert not ({MOBILE, LANDLINE, BANK_CARD, ID_CARD} & found.keys()), found


def test_bank_card() -> None:
    body = "622202123456789"
    card = body + cs.luhn_check_digit(body)
    assert labels(f"收款卡号{card}。")[BANK_CARD] == [card]
    spaced = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    assert labels(f"卡号：{spaced}")[BANK_CARD] == [spaced]
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert BANK_CARD not in labels(f"收款卡号{wrong}。")
    # corporate accounts do not follow Luhn: reported (lower confidence) only after 账号/账户
    assert labels("开户行：某银行，账号：3200123456789012")[BANK_CARD] == ["3200123456789012"]


def test_bank_card_is_not_an_id_number() -> None:
    found = labels("公民身份号码11010519491231002X")
    assert BANK_CARD not in found


def test_email_qq_wechat() -> None:
    found = labels("邮箱：zhang.san@example.com.cn，QQ：123456789，微信号：abc_12345。")
    assert found[EMAIL] == ["zhang.san@example.com.cn"]
    assert found[QQ] == ["123456789"]
    assert found[WECHAT] == ["abc_12345"]
    assert QQ not in labels("共有123456789人")


def test_uscc() -> None:
    body = "91320500" + "MA1M9ABC" + "1"
    code = body + cs.uscc_check_char(body)
    assert labels(f"统一社会信用代码：{code}")[USCC] == [code]
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert USCC not in labels(f"统一社会信用代码：{bad}")


def test_plates() -> None:
    found = labels("车牌号苏E12345，新能源车京AD12345、粤B12345D。")
    assert found[PLATE] == ["苏E12345", "京AD12345", "粤B12345D"]
    assert PLATE not in labels("苏EABCDE")


def test_passport_needs_keyword() -> None:
    assert labels("护照号码：E12345678")[PASSPORT] == ["E12345678"]
    assert labels("往来港澳通行证C12345678")[PASSPORT] == ["C12345678"]
    assert PASSPORT not in labels("型号E12345678")


def test_ip_addresses() -> None:
    found = labels("登录地址 192.168.1.20 与 2001:db8::8a2e:370:7334")
    assert found[IP] == ["192.168.1.20", "2001:db8::8a2e:370:7334"]
    assert IP not in labels("时间 10:30:45，版本 300.1.2.3")


def test_width_normalisation_keeps_length() -> None:
    s = "电话：０５１２－６５２２３４５６　ＡＢＣ"
    assert len(normalise_width(s)) == len(s)


def test_person_context_rules_without_model() -> None:
    found = labels("申请人：王小明于2024年提出申请，联系人欧阳娜娜。", PATTERNS)
    assert found[PERSON] == ["王小明", "欧阳娜娜"]


def test_person_titles_and_pseudonyms_ignored() -> None:
    found = labels("感谢李建国同志。张某某、王某不再标注。王先生来电。", PATTERNS)
    assert found.get(PERSON) == ["李建国"]


def test_names_places_orgs_with_lac() -> None:
    found = labels(
        "投诉人赵丽华反映，苏州市姑苏区人民路88号3幢201室噪声扰民，苏州市生态环境局已处理。", ScanOptions()
    )
    assert "赵丽华" in found[PERSON]
    assert any(a.startswith("苏州市姑苏区人民路88号") for a in found[ADDRESS])
    assert ORG in found or PLACE in found


def test_allow_and_deny_lists() -> None:
    text = "市长周建明主持会议，投诉人钱晓峰参加。"
    assert "周建明" in labels(text, ScanOptions())[PERSON]
    found = labels(text, ScanOptions.build(allow=["周建明"], deny=["会议记录员小米"]))
    assert "周建明" not in found[PERSON]
    assert "钱晓峰" in found[PERSON]
    assert labels("由小米记录", ScanOptions.build(ner="off", deny=["小米"]))[PERSON] == ["小米"]


def test_findings_do_not_overlap_and_match_text() -> None:
    text = "联系人张三，手机13912345678，邮箱13912345678@163.com，住北京市海淀区中关村大街1号。"
    fs = scan_text(text)
    for a, b in itertools.pairwise(fs):
        assert a.end <= b.start
    for f in fs:
        assert text[f.start : f.end] == f.text
    assert [f.label for f in fs if "@" in f.text] == [EMAIL]
