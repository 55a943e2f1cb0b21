"""Core value types of the de-identification engine (no Django imports)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Labels reported by the engine.
PERSON: Final = "PERSON"  # 自然人姓名
ADDRESS: Final = "ADDRESS"  # 详细住址（到街道门牌、楼栋、房间、村组）
PLACE: Final = "PLACE"  # 地名（省市区县、地标），默认不遮蔽
ORG: Final = "ORG"  # 机构名称，默认不遮蔽
ID_CARD: Final = "ID_CARD"  # 居民身份证号码
MOBILE: Final = "MOBILE"  # 手机号码
LANDLINE: Final = "LANDLINE"  # 固定电话（含境外、400 等号码）
BANK_CARD: Final = "BANK_CARD"  # 银行卡号 / 账号
EMAIL: Final = "EMAIL"  # 电子邮箱
USCC: Final = "USCC"  # 统一社会信用代码（机构标识，默认不遮蔽）
PLATE: Final = "PLATE"  # 机动车号牌
PASSPORT: Final = "PASSPORT"  # 护照、港澳台通行证等出入境证件
QQ: Final = "QQ"
WECHAT: Final = "WECHAT"
IP: Final = "IP"  # IPv4 / IPv6 地址

ALL_LABELS: Final = (
    PERSON,
    ADDRESS,
    PLACE,
    ORG,
    ID_CARD,
    MOBILE,
    LANDLINE,
    BANK_CARD,
    EMAIL,
    USCC,
    PLATE,
    PASSPORT,
    QQ,
    WECHAT,
    IP,
)

LABEL_NAMES_ZH: Final = {
    PERSON: "姓名",
    ADDRESS: "地址",
    PLACE: "地名",
    ORG: "机构名称",
    ID_CARD: "身份证号码",
    MOBILE: "手机号码",
    LANDLINE: "电话号码",
    BANK_CARD: "银行卡号",
    EMAIL: "电子邮箱",
    USCC: "统一社会信用代码",
    PLATE: "车牌号",
    PASSPORT: "证件号码",
    QQ: "QQ号",
    WECHAT: "微信号",
    IP: "IP地址",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected piece of (possibly) personal information.

    ``start``/``end`` are character offsets into the scanned text, ``end`` exclusive, so
    ``text[start:end] == finding.text``. ``detector`` names the rule that fired, e.g.
    ``"regex.id_card18"`` or ``"lac.per"``.
    """

    start: int
    end: int
    label: str
    text: str
    confidence: float
    detector: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence out of range: {self.confidence}")

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


class PrivacyError(Exception):
    """Base class of the engine's errors; ``str(exc)`` is a message in Chinese for the user."""


class InputTooLarge(PrivacyError):
    """The text or file exceeds the per-call limit."""


class UnreadableDocument(PrivacyError):
    """A .docx / .pdf file could not be opened (corrupt, encrypted, wrong format)."""
