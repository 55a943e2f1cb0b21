"""Chinese text analysis shared by every backend, so they index and query the same tokens.

- :func:`normalise`: NFKC + lowercase, control characters (NUL …) dropped.
- :func:`grams`: character bigrams **with real positions** (consecutive bigrams of a run of Han
  characters get consecutive positions); a run of one Han character gives that character; a run of
  letters/digits gives one token. A query word then matches as a phrase over its bigrams, which is
  exactly "the word occurs as a substring" — recall that a word index alone misses.
- :func:`segment`: word segmentation with rjieba plus the government-domain dictionary
  (``data/domain_dict.txt``, unit names, synonym terms). rjieba supports ``add_word``, so the domain
  words are added to the segmenter's dictionary (no post-pass needed).
- :func:`parse_query`: the query language: ``"exact phrase"``, ``+required``, ``-excluded``, field
  prefixes ``标题:`` ``文号:`` ``机构:``, 发文字号 detection; synonym expansion per word.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import rjieba

from gongkai.documents.docnumber import normalise_doc_number

# Regions of an entry, with the tier score a match in that region is worth. A = title and 发文字号,
# B = 主题词, C = body, D = unit name. Both backends use exactly these numbers.
REGION_SCORES: dict[str, float] = {"A": 4.0, "B": 2.0, "C": 1.0, "D": 0.5}
ALL_REGIONS: tuple[str, ...] = ("A", "B", "C", "D")
REGION_ORDER: tuple[str, ...] = ("A", "B", "D", "C")  # position layout: body last
REGION_GAP = 3  # positions left empty between regions and between title and 发文字号
DOC_NUMBER_SCORE = 1000.0  # an exact 发文字号 match outranks any text match
MAX_BODY_CHARS = 15_000  # PostgreSQL positions stop at 16383; both backends index the same prefix
MAX_POSITIONS_PER_TOKEN = 256  # PostgreSQL keeps at most 256 positions per lexeme; so do we
MAX_QUERY_CHARS = 100
MAX_GROUPS = 8
MAX_ALTERNATIVES = 8
MAX_TOKEN_CHARS = 40

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_ALNUM_RE = re.compile(r"[0-9a-z]")

_STOPWORDS_TEXT = (
    "的 了 和 与 及 或 在 是 对 等 为 于 把 被 并 其 之 以 由 从 向 关于 有关 进一步 做好 加强 一些 这个 那个"
)
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS_TEXT.split(" "))


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _CONTROL_RE.sub("", text)


_normalise_char = lru_cache(maxsize=65536)(_normalise)


def normalise(text: str) -> str:
    """NFKC + lowercase; control and zero-width characters removed."""
    if text and len(text) == 1:  # the highlighter normalises character by character: memoise those
        return _normalise_char(text)
    return _normalise(text)


def is_han(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FFFF
        or ch == "〇"
    )


def _is_alnum(ch: str) -> bool:
    return ch.isalnum() and not is_han(ch)


_HAN_CLASS = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002ffff\u3007"
# A run of Han characters, or a run of letters/digits that are not Han ([^\W_] is str.isalnum()).
_RUN_RE = re.compile(f"([{_HAN_CLASS}]+)|([^\\W_{_HAN_CLASS}]+)")


def grams(text: str, start: int = 0) -> list[tuple[int, str]]:
    """``[(position, token), …]`` of already normalised ``text``; positions from ``start``."""
    tokens: list[str] = []
    append, extend = tokens.append, tokens.extend
    for han, alnum in _RUN_RE.findall(text):
        if han:
            if len(han) == 1:
                append(han)
            else:
                extend([han[k : k + 2] for k in range(len(han) - 1)])
        else:
            append(alnum[:MAX_TOKEN_CHARS])
    return list(enumerate(tokens, start))


def query_grams(text: str) -> list[tuple[int, str]]:
    """Bigrams of a query string (normalised here), positions from 0."""
    return grams(normalise(text))


def entry_regions(
    *, title: str, doc_number: str, keywords: str, body: str, unit_name: str
) -> dict[str, list[tuple[int, str]]]:
    """Tokens of each region with global positions (1-based, regions separated by a gap), capped at
    :data:`MAX_POSITIONS_PER_TOKEN` occurrences per token, as PostgreSQL's tsvector would."""
    texts: dict[str, list[str]] = {
        "A": [title, doc_number],
        "B": [keywords],
        "D": [unit_name],
        "C": [body[:MAX_BODY_CHARS]],
    }
    seen: Counter[str] = Counter()
    regions: dict[str, list[tuple[int, str]]] = {}
    pos = 1
    for region in REGION_ORDER:
        tokens: list[tuple[int, str]] = []
        for part in texts[region]:
            part_tokens = grams(normalise(part), pos)
            counts = Counter(map(itemgetter(1), part_tokens))
            if all(seen[tok] + c <= MAX_POSITIONS_PER_TOKEN for tok, c in counts.items()):
                seen.update(counts)  # the usual case: no token reaches the cap
                tokens.extend(part_tokens)
            else:
                for p, tok in part_tokens:
                    count = seen[tok]
                    if count < MAX_POSITIONS_PER_TOKEN:
                        seen[tok] = count + 1
                        tokens.append((p, tok))
            if part_tokens:
                pos = part_tokens[-1][0] + 1
            pos += REGION_GAP
        regions[region] = tokens
    return regions


# --- segmentation with the domain dictionary ----------------------------------------------------

_DICT_FILE = Path(__file__).parent / "data" / "domain_dict.txt"
_DICT_TTL_SECONDS = 300.0
_lock = threading.Lock()
_segmenter: rjieba.Jieba | None = None
_segmenter_built_at = 0.0


def builtin_words() -> list[str]:
    lines = _DICT_FILE.read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#")]


def _database_words() -> list[str]:
    """Unit names and synonym terms; empty when the database is not reachable (e.g. at import)."""
    try:
        from gongkai.search.synonyms import synonym_words
        from gongkai.units.models import Unit

        words = list(Unit.objects.values_list("name", flat=True))
        words += list(Unit.objects.exclude(short_name="").values_list("short_name", flat=True))
        return words + synonym_words()
    except Exception:  # the dictionary must never stop a search
        return []


def _build_segmenter(extra: Iterable[str]) -> rjieba.Jieba:
    jieba = rjieba.Jieba()
    for word in [*builtin_words(), *extra]:
        w = normalise(word).strip()
        if len(w) >= 2 and " " not in w:
            jieba.add_word(w, None, None)
    return jieba


def segmenter() -> rjieba.Jieba:
    global _segmenter, _segmenter_built_at
    with _lock:
        now = time.monotonic()
        if _segmenter is None or now - _segmenter_built_at > _DICT_TTL_SECONDS:
            _segmenter = _build_segmenter(_database_words())
            _segmenter_built_at = now
        return _segmenter


def reset_dictionary() -> None:
    """Rebuild the segmenter's dictionary on next use (after units or synonyms change)."""
    global _segmenter
    with _lock:
        _segmenter = None


def segment(text: str) -> list[str]:
    """Words of ``text`` (normalised), punctuation and spaces left out."""
    words = segmenter().cut(normalise(text))
    return [w for w in words if any(is_han(c) or _is_alnum(c) for c in w)]


def index_words(text: str) -> list[str]:
    """Distinct words of ``text`` in search mode (for the word field / word bonus)."""
    return list(dict.fromkeys(segmenter().cut_for_search(normalise(text))))


# --- the query language --------------------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"', "＂": '"'})
_FIELD_ALIASES = {"标题": "title", "题名": "title", "文号": "docnum", "发文字号": "docnum", "机构": "unit"}
_TOKEN_RE = re.compile(
    r'(?P<sign>[+\-]?)(?:(?P<field>标题|题名|发文字号|文号|机构)\s*:\s*)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))'
)


@dataclass(frozen=True)
class Group:
    """One required part of a query: matches when any alternative occurs in any allowed region."""

    alternatives: tuple[str, ...]  # normalised strings; matched as bigram phrases
    regions: tuple[str, ...] = ALL_REGIONS
    exact: bool = False  # a quoted phrase: no synonyms


@dataclass
class ParsedQuery:
    groups: list[Group] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    doc_number: str = ""  # the whole query is this 发文字号: exact match ranks first
    doc_number_filter: str = ""  # 文号:… given: only this 发文字号
    notice: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.doc_number and not self.doc_number_filter

    @property
    def highlight_terms(self) -> list[str]:
        terms = [a for g in self.groups for a in g.alternatives]
        for number in (self.doc_number, self.doc_number_filter):
            if number:
                terms.append(normalise(number))
        return sorted(set(terms), key=len, reverse=True)


def match_alternatives(alternatives: Sequence[str]) -> list[str]:
    """The alternatives a backend has to match: one whose token sequence contains another's as a
    contiguous run is dropped (wherever it occurs, the shorter one occurs at the same place, in the
    same region — same matches, same region scores), as is a repeated token sequence."""
    seqs = [tuple(t for _, t in query_grams(a)) for a in alternatives]
    keep: list[str] = []
    for i, (alt, seq) in enumerate(zip(alternatives, seqs, strict=True)):
        if not seq:
            continue
        redundant = False
        for j, other in enumerate(seqs):
            if j == i or not other or len(other) > len(seq) or (other == seq and j > i):
                continue
            n = len(other)
            if any(seq[k : k + n] == other for k in range(len(seq) - n + 1)):
                redundant = True
                break
        if not redundant:
            keep.append(alt)
    return keep


def has_tokens(text: str) -> bool:
    return bool(query_grams(text))


def _expand(word: str, synonyms: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    alts = [word, *[normalise(s) for s in synonyms.get(word, ())]]
    alts = [a for a in dict.fromkeys(alts) if has_tokens(a)]
    return tuple(alts[:MAX_ALTERNATIVES])


def _word_groups(text: str, regions: tuple[str, ...], synonyms: Mapping[str, Sequence[str]]) -> list[Group]:
    groups: list[Group] = []
    words = segment(text)
    for word in words:
        if word in STOPWORDS:
            continue
        if len(word) == 1 and is_han(word) and len(words) > 1:
            continue  # a lone character says little and has no bigram to match
        alts = _expand(word, synonyms)
        if alts:
            groups.append(Group(alternatives=alts, regions=regions))
    return groups


def parse_query(text: str, synonyms: Mapping[str, Sequence[str]] | None = None) -> ParsedQuery:
    """Parse a (trimmed) query. Never raises: anything unparseable is treated as plain words."""
    synonyms = synonyms or {}
    parsed = ParsedQuery()
    raw = normalise(text).translate(_QUOTES).strip()
    if not raw:
        return parsed
    whole_number = normalise_doc_number(raw)
    if whole_number:
        parsed.doc_number = whole_number
    groups: list[Group] = []
    for m in _TOKEN_RE.finditer(raw):
        sign = m.group("sign")
        fld = _FIELD_ALIASES.get(m.group("field") or "", "")
        phrase = m.group("phrase")
        word = m.group("word") or ""
        content = phrase if phrase is not None else word
        if not content.strip():
            continue
        regions: tuple[str, ...] = {"title": ("A",), "unit": ("D",)}.get(fld, ALL_REGIONS)
        if fld == "docnum":
            number = normalise_doc_number(content)
            if number and sign != "-":
                parsed.doc_number_filter = number
                continue
            regions = ("A",)
        if sign == "-":
            if has_tokens(content):
                parsed.excluded.append(normalise(content))
            continue
        if phrase is not None:
            if has_tokens(phrase):
                groups.append(Group(alternatives=(normalise(phrase).strip(),), regions=regions, exact=True))
            continue
        groups.extend(_word_groups(content, regions, synonyms))
    # Keep the first occurrence of a repeated group; cap the number of groups.
    unique: dict[tuple[tuple[str, ...], tuple[str, ...]], Group] = {}
    for g in groups:
        unique.setdefault((g.alternatives, g.regions), g)
    parsed.groups = list(unique.values())[:MAX_GROUPS]
    parsed.excluded = list(dict.fromkeys(parsed.excluded))[:MAX_GROUPS]
    return parsed
