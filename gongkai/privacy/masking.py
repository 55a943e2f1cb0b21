"""Apply a policy to findings: ``mask(text, findings, policy) -> MaskResult``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .lexicon import ADMIN_SUFFIXES
from .ner import surname_length
from .policy import DEFAULT_POLICY, Operator, Policy, Rule, placeholder_for
from .types import ADDRESS, Finding

_SEPARATORS = frozenset(" -－﹣()（）+·•.,_:/转\u3000")
_STREET_MARK = re.compile(r"[0-9０-９路街巷弄号栋幢室村组]|胡同|大道|小区|社区")
_ADMIN_PART = re.compile(r"[^\s\d]{1,9}?(?:" + "|".join(ADMIN_SUFFIXES) + ")")
_ORDINALS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    label: str
    original: str
    replacement: str


@dataclass(frozen=True)
class MaskResult:
    text: str
    replacements: list[Replacement]


@dataclass
class MaskState:
    """Keeps pseudonyms consistent across several calls (e.g. all paragraphs of one document)."""

    pseudonyms: dict[tuple[str, str], str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def pseudonym(self, label: str, original: str, prefix: str) -> str:
        key = (label, original.strip())
        if key not in self.pseudonyms:
            n = self.counters.get(prefix, 0)
            self.counters[prefix] = n + 1
            suffix = _ORDINALS[n] if n < len(_ORDINALS) else str(n + 1)
            self.pseudonyms[key] = f"{prefix}{suffix}"
        return self.pseudonyms[key]


def mask_value(value: str, label: str, rule: Rule, state: MaskState | None = None) -> str:
    """The replacement string for one finding under ``rule`` (``value`` itself for KEEP)."""
    op = rule.operator
    if op is Operator.KEEP:
        return value
    if op is Operator.SUPPRESS:
        return ""
    if op is Operator.REPLACE:
        return placeholder_for(label, rule)
    if op is Operator.PSEUDONYMISE:
        return (state or MaskState()).pseudonym(label, value, rule.pseudonym_prefix)
    if op is Operator.GENERALISE:
        if label == ADDRESS:
            return generalise_address(value, rule.mask_char)
        return _partial(value, rule)
    return _partial(value, rule)


def _partial(value: str, rule: Rule) -> str:
    head, tail = value, ""
    if rule.keep_from and rule.keep_from in value:
        i = value.index(rule.keep_from)
        head, tail = value[:i], value[i:]
    positions = [i for i, c in enumerate(head) if c not in _SEPARATORS]
    keep_prefix, keep_suffix = rule.keep_prefix, rule.keep_suffix
    if rule.keep_surname:
        keep_prefix = max(keep_prefix, surname_length(head) or 1)
    lead: list[int] = []
    if rule.core_length and len(positions) > rule.core_length:
        lead = positions[: len(positions) - rule.core_length]
        positions = positions[len(positions) - rule.core_length :]
    n = len(positions)
    if keep_prefix + keep_suffix >= n:  # too short to keep both ends: keep at most the first char
        keep_prefix, keep_suffix = min(keep_prefix, 1 if n > 1 else 0), 0
    masked = set(positions[keep_prefix : n - keep_suffix])
    chars = [rule.mask_char if i in masked else c for i, c in enumerate(head)]
    del lead  # kept unchanged, listed for clarity
    return "".join(chars) + tail


def generalise_address(value: str, mask_char: str = "*") -> str:
    """Keep the administrative prefix up to district/county level.

    苏州市姑苏区人民路1号 → 苏州市姑苏区****
    """
    pos = 0
    while True:
        m = _ADMIN_PART.match(value, pos)
        if not m or _STREET_MARK.search(m.group()):
            break
        pos = m.end()
        if value[m.end() - 1] in "区县旗":
            break
    return value[:pos] + mask_char * 4


def mask(
    text: str,
    findings: Iterable[Finding],
    policy: Policy = DEFAULT_POLICY,
    state: MaskState | None = None,
) -> MaskResult:
    """Apply ``policy`` to non-overlapping ``findings`` (as returned by ``scan_text``).

    Findings below the rule's ``min_confidence`` and KEEP rules leave the text unchanged and produce
    no replacement. Overlapping findings are skipped after the first (by start position).
    """
    state = state or MaskState()
    out: list[str] = []
    reps: list[Replacement] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < pos or f.end > len(text):
            continue
        rule = policy.rule_for(f.label)
        if rule.operator is Operator.KEEP or f.confidence < rule.min_confidence:
            continue
        original = text[f.start : f.end]
        new = mask_value(original, f.label, rule, state)
        out.append(text[pos : f.start])
        out.append(new)
        reps.append(Replacement(f.start, f.end, f.label, original, new))
        pos = f.end
    out.append(text[pos:])
    return MaskResult("".join(out), reps)
