"""Pattern detectors for structured identifiers. Each detector takes the original text and its
width-normalised copy (same length, full-width ASCII folded to half-width) and yields findings."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator

from . import checksums as cs
from .types import (
    BANK_CARD,
    EMAIL,
    ID_CARD,
    IP,
    LANDLINE,
    MOBILE,
    PASSPORT,
    PLATE,
    QQ,
    USCC,
    WECHAT,
    Finding,
)

# Full-width ASCII (U+FF01..U+FF5E) → ASCII, ideographic space → space, a few dash look-alikes → "-".
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: 0x20, 0xFE63: 0x2D, 0x2010: 0x2D, 0x2011: 0x2D, 0x2012: 0x2D, 0x2013: 0x2D})


def normalise_width(text: str) -> str:
    """Fold full-width forms; the result has exactly the same length as ``text``."""
    return text.translate(_WIDTH_TABLE)


Detector = Callable[[str, str], Iterator[Finding]]

_SEP = r"[ \-]"
_UNIT_AFTER = frozenset("元万亿千百年月日次个件人条款项吨米克%％倍天份")


def _f(text: str, start: int, end: int, label: str, conf: float, rule: str) -> Finding:
    return Finding(start, end, label, text[start:end], conf, rule)


def _unit_follows(norm: str, end: int) -> bool:
    return end < len(norm) and norm[end] in _UNIT_AFTER


def _context_before(norm: str, start: int, words: tuple[str, ...], window: int) -> bool:
    before = norm[max(0, start - window) : start]
    return any(w in before for w in words)


# ---------------------------------------------------------------- 居民身份证号码
_ID18 = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}\d{2}[01]\d[0-3]\d\d{3}(?![0-9A-Za-z])")
_ID_CONTEXT = ("身份证", "身份證", "公民身份号码", "证件号", "證件號", "身份号码")


def detect_id_card(text: str, norm: str) -> Iterator[Finding]:
    for m in _ID18.finditer(norm):
        if cs.is_valid_id18(m.group()):
            yield _f(text, m.start(), m.end(), ID_CARD, 0.99, "regex.id_card18")
    for m in _ID15.finditer(norm):
        if cs.is_valid_id15(m.group()):
            conf = 0.9 if _context_before(norm, m.start(), _ID_CONTEXT, 12) else 0.6
            yield _f(text, m.start(), m.end(), ID_CARD, conf, "regex.id_card15")


# ---------------------------------------------------------------- 手机号码
_MOBILE = re.compile(r"(?<![\d+])(?:(?:\+|00)?86[ \-]?)?(1[3-9]\d)([ \-]?)(\d{4})\2(\d{4})(?!\d)")
_MOBILE_SEGMENT = re.compile(r"1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])")


def detect_mobile(text: str, norm: str) -> Iterator[Finding]:
    for m in _MOBILE.finditer(norm):
        before = norm[max(0, m.start() - 2) : m.start()]
        if (
            _unit_follows(norm, m.end())
            or before[-1:] in ("¥", "$")
            or (before[-1:] == "." and before[:1].isdigit())
        ):
            continue
        conf = 0.95 if _MOBILE_SEGMENT.fullmatch(m.group(1)) else 0.7
        yield _f(text, m.start(), m.end(), MOBILE, conf, "regex.mobile")


# ---------------------------------------------------------------- 固定电话 / 境外电话
_PHONE_RULES: tuple[tuple[re.Pattern[str], float, str], ...] = (
    # +852 2335 2385, 00886-2-2738-7077, +886975567203
    (
        re.compile(
            r"(?<![\dA-Za-z+])(?:\+|00)(?:\d{1,3})[ \-]?(?:\(\d{1,4}\)|\d{1,4})(?:[ \-]?\d{2,8}){1,4}(?!\d)"
        ),
        0.85,
        "regex.phone_intl",
    ),
    # 852-23352385, 886-2-2753-1981 (country code followed by a dash)
    (
        re.compile(r"(?<![\d\-])(?:852|853|886|86)-(?:\d{1,4}-?){1,3}\d{3,8}(?![\d\-])"),
        0.85,
        "regex.phone_cc",
    ),
    # (0512)65223456, （852）23072034
    (
        re.compile(r"[(](?:\+?86[ \-]?)?(?:0\d{2,3}|852|853|886)[)] ?[2-9]\d{3}[ \-]?\d{3,4}(?!\d)"),
        0.9,
        "regex.phone_paren",
    ),
    # 0512-65223456, 010 12345678, 057788285332, with optional extension
    (
        re.compile(
            r"(?<![\d\-.])0(?:10|2\d|[3-9]\d{2})[ \-]?[2-9]\d{2,3}[ \-]?\d{4}"
            r"(?:(?:转|分机|ext\.?|-)\d{1,6})?(?![\d\-])"
        ),
        0.9,
        "regex.landline",
    ),
    # 886921024788, 85223352385: HK / Macao / Taiwan country code glued to the number
    (re.compile(r"(?<![\d\-+])(?:886|852|853)[2-9]\d{7,8}(?![\d\-])"), 0.7, "regex.phone_cc_glued"),
    # Taiwan: 02-25067711, 0922-652-820, 0988006707
    (re.compile(r"(?<![\d\-])0[2-8]-\d{3,4}-?\d{4}(?![\d\-])"), 0.8, "regex.phone_tw"),
    (re.compile(r"(?<![\d\-])09\d{2}-?\d{3}-?\d{3}(?![\d\-])"), 0.8, "regex.mobile_tw"),
    # 010-5762608757626088: a landline and its second line run together (both 8 digits)
    (
        re.compile(r"(?<![\d\-])0(?:10|2\d|[3-9]\d{2})-[2-9]\d{7}[2-9]\d{7}(?!\d)"),
        0.7,
        "regex.landline_pair",
    ),
    # 2335-2305/9263-3317: Hong Kong / Macao 8-digit numbers listed with a slash (not year ranges)
    (
        re.compile(r"(?<![\d\-/])(?!(?:19|20)\d\d-(?:19|20))[2-9]\d{3}-\d{4}/[2-9]\d{3}-\d{4}(?![\d\-/])"),
        0.88,
        "regex.phone_hk_pair",
    ),
    # 60122919901 / 6591234567: Malaysia / Singapore mobile with the country code glued on
    (re.compile(r"(?<![\d\-+.])(?:601\d{8,9}|65[89]\d{7})(?![\d\-])"), 0.6, "regex.phone_my_sg_glued"),
    # 400-123-4567 / 800 service numbers
    (re.compile(r"(?<![\d\-])[48]00[ \-]?\d{3}[ \-]?\d{4}(?![\d\-])"), 0.8, "regex.phone_400"),
)
# Bare local numbers only right after a phone keyword.
_PHONE_KEYWORD = re.compile(
    r"(?:电话|電話|手机|手機|热线|熱線|传真|傳真|座机|Tel|TEL|tel|Phone|phone|PHONE|联系方式|聯絡方式)"
    r"(?:号码|號碼)?[^\d\n]{0,4}?(?<![\d\-])(\d{3,4}-\d{4}|\d{7,8})(?![\d\-])"
)


def detect_landline(text: str, norm: str) -> Iterator[Finding]:
    for pattern, conf, rule in _PHONE_RULES:
        for m in pattern.finditer(norm):
            digits = sum(c.isdigit() for c in m.group())
            if (
                digits < 7
                or digits > (20 if rule == "regex.landline_pair" else 16)
                or _unit_follows(norm, m.end())
            ):
                continue
            yield _f(text, m.start(), m.end(), LANDLINE, conf, rule)
    for m in _PHONE_KEYWORD.finditer(norm):
        if not _unit_follows(norm, m.end(1)):
            yield _f(text, m.start(1), m.end(1), LANDLINE, 0.85, "regex.phone_keyword")


# ---------------------------------------------------------------- 银行卡号
_CARD = re.compile(
    r"(?<![\dA-Za-z\-.])(?:\d{4}(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,3})?|\d{13,19})(?![\dA-Za-z\-.])"
)
_CARD_PREFIX = re.compile(r"62|4|5[1-5]|3[47]|2[2-7]|60|65|9")
_BANK_CONTEXT = (
    "卡号",
    "卡號",
    "银行",
    "銀行",
    "账号",
    "賬號",
    "帐号",
    "账户",
    "賬戶",
    "帐户",
    "开户",
    "信用卡",
    "借记卡",
)
_ACCOUNT_KEYWORD = re.compile(r"(?:账号|賬號|帐号|账户|帳戶|账户号码|户号)[\s:：为]{0,3}(\d{10,30})(?!\d)")


def detect_bank_card(text: str, norm: str) -> Iterator[Finding]:
    for m in _CARD.finditer(norm):
        digits = re.sub(r"[ \-]", "", m.group())
        if not 13 <= len(digits) <= 19 or not cs.luhn_valid(digits):
            continue
        if len(digits) == 18 and (cs.is_valid_id18(digits) or cs.id18_shape(digits)):
            continue
        if len(digits) == 15 and cs.is_valid_id15(digits):
            continue
        context = _context_before(norm, m.start(), _BANK_CONTEXT, 16)
        if _CARD_PREFIX.match(digits):
            conf = 0.93 if context else 0.85
        elif context:
            conf = 0.8
        else:
            continue
        if _unit_follows(norm, m.end()):
            continue
        yield _f(text, m.start(), m.end(), BANK_CARD, conf, "regex.bank_card")
    for m in _ACCOUNT_KEYWORD.finditer(norm):
        yield _f(text, m.start(1), m.end(1), BANK_CARD, 0.6, "regex.bank_account")


# ---------------------------------------------------------------- 电子邮箱
_EMAIL = re.compile(
    r"(?:(?<![A-Za-z0-9._%+])|(?<=[0-9])(?=[A-Za-z]))[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,12}(?![A-Za-z\-])"
)


def detect_email(text: str, norm: str) -> Iterator[Finding]:
    for m in _EMAIL.finditer(norm):
        yield _f(text, m.start(), m.end(), EMAIL, 0.99, "regex.email")


# ---------------------------------------------------------------- 统一社会信用代码
_USCC = re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])")


def detect_uscc(text: str, norm: str) -> Iterator[Finding]:
    for m in _USCC.finditer(norm):
        code = m.group()
        if cs.is_valid_uscc(code) and not cs.is_valid_id18(code):
            yield _f(text, m.start(), m.end(), USCC, 0.97, "regex.uscc")


# ---------------------------------------------------------------- 车牌号
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE = re.compile(
    rf"(?<![A-Za-z0-9])[{_PROVINCES}][A-HJ-NP-Z][·•・ ]?"
    r"(?:[A-HJK][A-HJ-NP-Z0-9]\d{4}|\d{5}[A-HJK]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])(?![A-Za-z0-9])"
)


def detect_plate(text: str, norm: str) -> Iterator[Finding]:
    for m in _PLATE.finditer(norm):
        if sum(c.isdigit() for c in m.group()) >= 3:
            rule = (
                "regex.plate_new_energy"
                if len(m.group().replace("·", "").replace(" ", "")) == 8
                else "regex.plate"
            )
            yield _f(text, m.start(), m.end(), PLATE, 0.9, rule)


# ---------------------------------------------------------------- 护照 / 通行证
_PASSPORT = re.compile(
    r"(?:护照|護照|通行证|通行證|回乡证|回鄉證|台胞证|臺胞證|证件号码?|證件號碼?|旅行证|[Pp]assport)"
    r"(?:号码|號碼|号|號|No\.?)?[^0-9A-Za-z\n]{0,6}?"
    r"(?<![0-9A-Za-z])([A-Za-z]{1,2}\d{7,8}|[A-Za-z]\d{6}\(?[0-9A]\)?|\d{8}|\d{10})(?![0-9A-Za-z])"
)


def detect_passport(text: str, norm: str) -> Iterator[Finding]:
    for m in _PASSPORT.finditer(norm):
        yield _f(text, m.start(1), m.end(1), PASSPORT, 0.9, "regex.passport")


# ---------------------------------------------------------------- QQ / 微信
_QQ = re.compile(r"(?:[Qq][Qq]|Q群|扣扣)(?:号码|號碼|号|號|群|群号)?[\s:：]{0,3}([1-9]\d{4,11})(?!\d)")
_WECHAT = re.compile(
    r"(?:微信|[Vv][Xx]|[Ww][Xx]|[Ww]e[Cc]hat|weixin)(?:号码|號碼|号|號|账号|帳號|ID|id)?[\s:：]{0,3}"
    r"([A-Za-z][A-Za-z0-9_\-]{5,19}|\d{5,11})(?![A-Za-z0-9_\-])"
)


def detect_qq(text: str, norm: str) -> Iterator[Finding]:
    for m in _QQ.finditer(norm):
        yield _f(text, m.start(1), m.end(1), QQ, 0.96, "regex.qq")


def detect_wechat(text: str, norm: str) -> Iterator[Finding]:
    for m in _WECHAT.finditer(norm):
        yield _f(text, m.start(1), m.end(1), WECHAT, 0.97, "regex.wechat")


# ---------------------------------------------------------------- IP 地址
_IPV4 = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])"
)
_IPV6 = re.compile(r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])")


def detect_ip(text: str, norm: str) -> Iterator[Finding]:
    for m in _IPV4.finditer(norm):
        yield _f(text, m.start(), m.end(), IP, 0.85, "regex.ipv4")
    for m in _IPV6.finditer(norm):
        candidate = m.group()
        if sum(c not in ":" for c in candidate) < 4:
            continue
        try:
            ipaddress.IPv6Address(candidate)
        except ValueError:
            continue
        yield _f(text, m.start(), m.end(), IP, 0.85, "regex.ipv6")


PATTERN_DETECTORS: dict[str, Detector] = {
    "id_card": detect_id_card,
    "mobile": detect_mobile,
    "landline": detect_landline,
    "bank_card": detect_bank_card,
    "email": detect_email,
    "uscc": detect_uscc,
    "plate": detect_plate,
    "passport": detect_passport,
    "qq": detect_qq,
    "wechat": detect_wechat,
    "ip": detect_ip,
}
