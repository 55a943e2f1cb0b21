"""Masking policies: which operator applies to which label."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .types import (
    ADDRESS,
    BANK_CARD,
    EMAIL,
    ID_CARD,
    IP,
    LABEL_NAMES_ZH,
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


class Operator(enum.StrEnum):
    KEEP = "keep"  # 保留（仅报告）
    SUPPRESS = "suppress"  # 删除
    MASK = "mask"  # 部分遮蔽：保留前后若干字符，其余以 * 代替
    REPLACE = "replace"  # 以占位符替换，如【姓名】
    GENERALISE = "generalise"  # 泛化：地址保留到区县
    PSEUDONYMISE = "pseudonymise"  # 假名化：同一文本内一致，如 当事人甲、当事人乙


@dataclass(frozen=True)
class Rule:
    """One label's treatment.

    ``keep_prefix`` / ``keep_suffix`` count maskable characters (separators such as spaces, dashes
    and brackets are kept as they are and not counted). ``keep_surname`` (PERSON) keeps the single
    or compound surname. ``keep_from`` keeps everything from the first occurrence of that character
    (e-mail: the domain). ``core_length`` keeps a leading country code: only the last ``core_length``
    maskable characters are subject to prefix/suffix keeping (mobile numbers: 11).
    """

    operator: Operator
    keep_prefix: int = 0
    keep_suffix: int = 0
    keep_surname: bool = False
    keep_from: str | None = None
    core_length: int | None = None
    mask_char: str = "*"
    placeholder: str | None = None
    pseudonym_prefix: str = "当事人"
    min_confidence: float = 0.5


@dataclass(frozen=True)
class Policy:
    name: str
    rules: Mapping[str, Rule] = field(default_factory=dict)
    #: rule for labels without an entry
    fallback: Rule = Rule(Operator.REPLACE)

    def rule_for(self, label: str) -> Rule:
        return self.rules.get(label, self.fallback)

    def with_rule(self, label: str, rule: Rule) -> Policy:
        rules = dict(self.rules)
        rules[label] = rule
        return replace(self, rules=MappingProxyType(rules))


def placeholder_for(label: str, rule: Rule) -> str:
    return rule.placeholder or f"【{LABEL_NAMES_ZH.get(label, '个人信息')}】"


#: Default publication policy (GB/T 37964 idea: direct identifiers are masked so that a person cannot
#: be identified without additional information; organisations, USCC and public places stay).
DEFAULT_POLICY = Policy(
    name="default",
    rules=MappingProxyType(
        {
            PERSON: Rule(Operator.MASK, keep_surname=True),  # 张**
            ID_CARD: Rule(Operator.MASK, keep_prefix=3, keep_suffix=4),  # 320***********2314
            MOBILE: Rule(Operator.MASK, keep_prefix=3, keep_suffix=4, core_length=11),  # 139****5678
            LANDLINE: Rule(Operator.MASK, keep_prefix=4, keep_suffix=2),
            BANK_CARD: Rule(Operator.MASK, keep_prefix=4, keep_suffix=4),
            EMAIL: Rule(Operator.MASK, keep_prefix=1, keep_from="@"),
            PASSPORT: Rule(Operator.MASK, keep_prefix=1, keep_suffix=2),
            PLATE: Rule(Operator.MASK, keep_prefix=2, keep_suffix=1),
            QQ: Rule(Operator.MASK, keep_prefix=2, keep_suffix=2),
            WECHAT: Rule(Operator.MASK, keep_prefix=2, keep_suffix=2),
            IP: Rule(Operator.REPLACE),
            ADDRESS: Rule(Operator.GENERALISE),  # 苏州市姑苏区****
            USCC: Rule(Operator.KEEP),
            ORG: Rule(Operator.KEEP),
            PLACE: Rule(Operator.KEEP),
        }
    ),
)

#: Stricter variant: everything personal replaced by placeholders, names pseudonymised.
STRICT_POLICY = Policy(
    name="strict",
    rules=MappingProxyType(
        {
            **{label: Rule(Operator.REPLACE) for label in (ID_CARD, MOBILE, LANDLINE, BANK_CARD, EMAIL)},
            **{label: Rule(Operator.REPLACE) for label in (PASSPORT, PLATE, QQ, WECHAT, IP)},
            PERSON: Rule(Operator.PSEUDONYMISE),
            ADDRESS: Rule(Operator.GENERALISE),
            USCC: Rule(Operator.KEEP),
            ORG: Rule(Operator.KEEP),
            PLACE: Rule(Operator.KEEP),
        }
    ),
)
