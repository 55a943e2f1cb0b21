"""``scan_text``: run every detector over a text and return non-overlapping findings."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .masking import MASK_CHARS, is_mask_output, mask_output_spans, pseudonyms_in
from .merge import resolve_overlaps
from .ner import context_only_findings, findings_from_tokens, gazetteer_places, needs_ner, split_sentences
from .rules import PATTERN_DETECTORS, normalise_width
from .types import PERSON, Finding, InputTooLarge

#: Default per-call limit in characters (≈ 5 MB of Chinese text in UTF-8 is ~1.7 M characters; we
#: accept up to 5 M characters, which the regex part scans in seconds; LAC runs only on triggered
#: sentences).
MAX_CHARS = 5_000_000

NerMode = Literal["gated", "all", "off"]


@dataclass(frozen=True)
class ScanOptions:
    """How to scan.

    ``ner``: ``"gated"`` (default) runs LAC only on sentences with a name/address trigger,
    ``"all"`` on every sentence, ``"off"`` uses patterns and context rules only.
    ``allow_names``: person names never reported (e.g. officials named in their official capacity).
    ``deny_terms``: strings always reported as ``deny_label`` (e.g. a complainant's name given by the
    case handler), wherever they occur.
    ``labels``: if given, only these labels are returned.
    ``mask_chars``: characters of masked values. Whatever ``mask`` wrote — values containing them
    (``王**``, ``139****5678``), placeholders (``【姓名】``) and pseudonyms (``当事人甲``) — is not
    reported again, so scanning a masked text finds nothing of what was masked.
    """

    ner: NerMode = "gated"
    allow_names: frozenset[str] = frozenset()
    deny_terms: frozenset[str] = frozenset()
    deny_label: str = PERSON
    labels: frozenset[str] | None = None
    max_chars: int = MAX_CHARS
    detectors: tuple[str, ...] = tuple(PATTERN_DETECTORS)
    mask_chars: str = MASK_CHARS

    @classmethod
    def build(
        cls,
        *,
        ner: NerMode = "gated",
        allow: Iterable[str] = (),
        deny: Iterable[str] = (),
        labels: Collection[str] | None = None,
        max_chars: int = MAX_CHARS,
    ) -> ScanOptions:
        return cls(
            ner=ner,
            allow_names=frozenset(a.strip() for a in allow if a.strip()),
            deny_terms=frozenset(d.strip() for d in deny if d.strip()),
            labels=frozenset(labels) if labels is not None else None,
            max_chars=max_chars,
        )


DEFAULT_OPTIONS = ScanOptions()


@dataclass
class _Pending:
    text_index: int
    offset: int
    sentence: str
    tokens: list[tuple[str, str]] = field(default_factory=list)


def check_size(length: int, limit: int) -> None:
    if length > limit:
        raise InputTooLarge(
            f"文本过大：共 {length:,} 个字符，超过单次处理上限 {limit:,} 个字符。请拆分后分批处理。"
        )


def scan_text(text: str, options: ScanOptions = DEFAULT_OPTIONS) -> list[Finding]:
    """All findings in ``text``, sorted by position, non-overlapping."""
    return scan_many([text], options)[0]


def scan_many(texts: Sequence[str], options: ScanOptions = DEFAULT_OPTIONS) -> list[list[Finding]]:
    """Scan several texts at once (LAC calls are batched across them)."""
    check_size(sum(len(t) for t in texts), options.max_chars)
    raw: list[list[Finding]] = [[] for _ in texts]
    pending: list[_Pending] = []
    for idx, text in enumerate(texts):
        if not text:
            continue
        norm = normalise_width(text)
        for name in options.detectors:
            raw[idx].extend(PATTERN_DETECTORS[name](text, norm))
        if options.deny_terms:
            raw[idx].extend(_deny_findings(text, options))
        if options.ner != "off":
            raw[idx].extend(gazetteer_places(text))
        for offset, sentence in split_sentences(text):
            if options.ner == "off":
                raw[idx].extend(context_only_findings(offset, sentence))
            elif options.ner == "all" or needs_ner(sentence):
                pending.append(_Pending(idx, offset, sentence))
            else:
                raw[idx].extend(context_only_findings(offset, sentence))
    boundaries: list[set[int]] = [set() for _ in texts]
    tagged_ranges: list[list[tuple[int, int]]] = [[] for _ in texts]
    if pending:
        from .lac import get_tagger

        tagged = get_tagger().tag_many([p.sentence for p in pending])
        for p, tokens in zip(pending, tagged, strict=True):
            raw[p.text_index].extend(findings_from_tokens(p.offset, p.sentence, tokens))
            pos = p.offset
            marks = boundaries[p.text_index]
            marks.add(pos)
            for word, _tag in tokens:
                pos += len(word)
                marks.add(pos)
            tagged_ranges[p.text_index].append((p.offset, p.offset + len(p.sentence)))
    # Texts of one call are parts of one document: pseudonyms are numbered across all of them.
    pseudonyms = pseudonyms_in(texts)
    for idx, text in enumerate(texts):
        if not raw[idx]:
            continue
        spans = mask_output_spans(text, options.mask_chars, pseudonyms)
        if spans:
            raw[idx] = [f for f in raw[idx] if not is_mask_output(f, text, spans, options.mask_chars)]
        if options.ner != "off":
            repeated = _repeated_names(text, raw[idx], boundaries[idx], tagged_ranges[idx])
            raw[idx].extend(f for f in repeated if not is_mask_output(f, text, spans, options.mask_chars))
    return [_finish(found, options) for found in raw]


#: detectors whose names are trusted enough to look for every other occurrence in the document
_SEED_DETECTORS = frozenset(
    {"lac.per", "context.role", "context.role+lac", "context.title", "context.candidate"}
)


def _repeated_names(
    text: str, found: list[Finding], boundaries: set[int], tagged: list[tuple[int, int]]
) -> list[Finding]:
    """Document-level consistency: once a name is found, every other occurrence of it is one too.

    An occurrence inside a sentence LAC has seen must start and end on its word boundaries, so "李明"
    does not match inside "李明显"; names of one character or Latin names under three are not
    propagated.
    """
    names = {
        f.text
        for f in found
        if f.label == PERSON
        and f.detector in _SEED_DETECTORS
        and f.confidence >= 0.8
        and len(f.text) >= 2
        and not (f.text.isascii() and len(f.text) < 3)
    }
    if not names:
        return []
    have = {(f.start, f.end) for f in found if f.label == PERSON}
    out: list[Finding] = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if (start, end) not in have and _on_boundaries(start, end, boundaries, tagged):
                out.append(Finding(start, end, PERSON, name, 0.78, "document.repeat"))
            start = text.find(name, start + 1)
    return out


def _on_boundaries(start: int, end: int, boundaries: set[int], tagged: list[tuple[int, int]]) -> bool:
    for s, e in tagged:
        if s <= start < e:
            return start in boundaries and end in boundaries
    return True


def _finish(found: list[Finding], options: ScanOptions) -> list[Finding]:
    if options.allow_names:
        found = [f for f in found if not (f.label == PERSON and f.text.strip() in options.allow_names)]
    merged = resolve_overlaps(found)
    if options.labels is not None:
        merged = [f for f in merged if f.label in options.labels]
    return merged


def _deny_findings(text: str, options: ScanOptions) -> list[Finding]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in options.deny_terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    out = []
    for end_index, term in automaton.iter(text):
        start = end_index - len(term) + 1
        out.append(Finding(start, end_index + 1, options.deny_label, term, 1.0, "deny_list"))
    return out
