"""Apply a policy to findings: ``mask(text, findings, policy) -> MaskResult``."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .lexicon import ADMIN_SUFFIXES
from .ner import surname_length
from .policy import DEFAULT_POLICY, Operator, Policy, Rule, placeholder_for
from .types import ADDRESS, LABEL_NAMES_ZH, PERSON, Finding

_SEPARATORS = frozenset(" -－﹣()（）+·•.,_:/转\u3000")
_STREET_MARK = re.compile(r"[0-9０-９路街巷弄号栋幢室村组]|胡同|大道|小区|社区")
_ADMIN_PART = re.compile(r"[^\s\d]{1,9}?(?:" + "|".join(ADMIN_SUFFIXES) + ")")
_ORDINALS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"

#: characters the MASK / GENERALISE operators write (the default ``Rule.mask_char`` and its
#: full-width form, which people type when masking by hand)
MASK_CHARS = "*＊"
DEFAULT_PSEUDONYM_PREFIX = "当事人"
_PLACEHOLDER = re.compile(
    "【(?:"
    + "|".join(map(re.escape, sorted({*LABEL_NAMES_ZH.values(), "个人信息"}, key=len, reverse=True)))
    + ")】"
)


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


# ------------------------------------------------------------------ recognising mask output
def pseudonyms_in(texts: Iterable[str], prefix: str = DEFAULT_PSEUDONYM_PREFIX) -> frozenset[str]:
    """The pseudonyms ``mask`` hands out (``当事人甲``, ``当事人乙`` …) that occur in ``texts``.

    Pseudonyms are given in order, so ``当事人丁`` counts only if ``当事人甲``, ``乙`` and ``丙`` occur
    too: in a text that was not pseudonymised, "当事人丁伟" still names 丁伟.
    """
    seen: set[str] = set()
    pattern = re.compile(re.escape(prefix) + f"(?:[{_ORDINALS}]|[0-9]+)")
    for text in texts:
        if prefix in text:
            seen.update(pattern.findall(text))
    out: set[str] = set()
    n = 0
    while (name := f"{prefix}{_ORDINALS[n] if n < len(_ORDINALS) else n + 1}") in seen:
        out.add(name)
        n += 1
    return frozenset(out)


def mask_output_spans(
    text: str, mask_chars: str = MASK_CHARS, pseudonyms: Iterable[str] = ()
) -> list[tuple[int, int]]:
    """Spans of ``text`` that look like what ``mask`` writes: runs of mask characters (``王**``,
    ``139****5678``), default placeholders (``【姓名】``, ``【IP地址】``) and the given pseudonyms.

    Sorted and disjoint (touching or overlapping spans are merged)."""
    spans: list[tuple[int, int]] = []
    if mask_chars:
        spans += [m.span() for m in re.finditer(f"[{re.escape(mask_chars)}]+", text)]
    if "【" in text:
        spans += [m.span() for m in _PLACEHOLDER.finditer(text)]
    for name in pseudonyms:
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = text.find(name, start + 1)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def is_mask_output(
    finding: Finding, text: str, spans: Sequence[tuple[int, int]], mask_chars: str = MASK_CHARS
) -> bool:
    """True if ``finding`` (in ``text``) is, or is part of, something ``mask`` wrote.

    It is if it overlaps one of ``spans`` (as returned by :func:`mask_output_spans`), or if it is a
    bare surname directly followed by a mask character (``欧阳**``: the kept surname of a masked name).
    """
    i = bisect.bisect_left(spans, (finding.end,))  # first span starting at or after the end
    if i > 0 and spans[i - 1][1] > finding.start:
        return True
    return (
        finding.label == PERSON
        and finding.end < len(text)
        and text[finding.end] in mask_chars
        and surname_length(finding.text) == len(finding.text)
    )
