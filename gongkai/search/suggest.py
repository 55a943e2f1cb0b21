"""Help with typing a query: pinyin input (gongjijin → 公积金, sheb → 社保), "您是不是要找" corrections
(住房公积精 → 住房公积金) and autocomplete.

Everything works over one in-memory :class:`Vocabulary` built from the domain dictionary, the synonym
table and the words of public titles; it is rebuilt from the database every
:data:`VOCABULARY_TTL_SECONDS` (or on :func:`reset_vocabulary`).
"""

from __future__ import annotations

import bisect
import logging
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from pypinyin import Style, lazy_pinyin

from gongkai.search import registry
from gongkai.search.analysis import builtin_words, is_han, normalise, segment

logger = logging.getLogger(__name__)

VOCABULARY_TTL_SECONDS = 600.0
TITLES_PER_TYPE = 3000  # newest public titles per content type read into the vocabulary
MAX_WORD_CHARS = 12
MAX_WINDOW = 8  # longest stretch of a query compared with a dictionary word
MAX_SUGGESTIONS = 10
MAX_PINYIN_CHARS = 60
KEEP_CHAR_COST = 0.6  # a character no dictionary word covers, kept as typed
HOMOPHONE_COST = 1.0
EDIT_COST = 1.5
MAX_CORRECTED_CHARS = 30  # longer queries are not typed by hand: no correction

_LATIN_RE = re.compile(r"^[a-z' ]+$")
_RUN_RE = re.compile(r"([a-z]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")


def word_pinyin(word: str) -> list[str]:
    """Toneless pinyin syllables of ``word`` (ü written v, as typed on a keyboard)."""
    return lazy_pinyin(word, style=Style.NORMAL, errors="ignore", v_to_u=False)


def _fuzzy_syllable(s: str) -> str:
    """Fold the confusions of many speakers: zh/ch/sh ↔ z/c/s, -ng ↔ -n (but not -ong)."""
    for retro, flat in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if s.startswith(retro):
            s = flat + s[2:]
            break
    if s.endswith(("ang", "eng", "ing")):
        s = s[:-1]
    return s


def fuzzy_key(syllables: Iterable[str]) -> str:
    return " ".join(_fuzzy_syllable(s) for s in syllables)


def _all_han(word: str) -> bool:
    return bool(word) and all(is_han(c) for c in word)


@dataclass
class Vocabulary:
    weights: dict[str, float] = field(default_factory=dict)  # word → how common/important
    pinyin: dict[str, str] = field(default_factory=dict)  # word → "gongjijin"
    initials: dict[str, str] = field(default_factory=dict)  # word → "gjj"
    by_pinyin: dict[str, list[str]] = field(default_factory=dict)  # "gongjijin" → words, best first
    by_fuzzy: dict[str, list[str]] = field(default_factory=dict)  # fuzzy syllables → words
    deletions: dict[str, list[str]] = field(default_factory=dict)  # word less one char → words
    pinyin_sorted: list[tuple[str, str]] = field(default_factory=list)  # (pinyin, word), sorted
    words_sorted: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    max_pinyin_len: int = 0

    @classmethod
    def build(cls, weighted: Iterable[tuple[str, float]], titles: Iterable[str] = ()) -> Vocabulary:
        voc = cls()
        for raw, weight in weighted:
            word = normalise(raw).strip()
            if 2 <= len(word) <= MAX_WORD_CHARS and _all_han(word):
                voc.weights[word] = voc.weights.get(word, 0.0) + weight
        for word in voc.weights:
            syllables = word_pinyin(word)
            if len(syllables) != len(word):
                continue
            full = "".join(syllables)
            voc.pinyin[word] = full
            voc.initials[word] = "".join(s[0] for s in syllables)
            voc.by_pinyin.setdefault(full, []).append(word)
            voc.by_fuzzy.setdefault(fuzzy_key(syllables), []).append(word)
            if len(word) >= 3:
                for i in range(len(word)):
                    voc.deletions.setdefault(word[:i] + word[i + 1 :], []).append(word)
        rank = voc.rank
        for index in (voc.by_pinyin, voc.by_fuzzy, voc.deletions):
            for key, words in index.items():
                index[key] = sorted(set(words), key=rank)
        voc.pinyin_sorted = sorted((p, w) for w, p in voc.pinyin.items())
        voc.words_sorted = sorted(voc.weights)
        voc.max_pinyin_len = max((len(p) for p in voc.pinyin.values()), default=0)
        voc.titles = list(dict.fromkeys(normalise(t).strip() for t in titles if t and t.strip()))
        return voc

    def rank(self, word: str) -> tuple[float, int, str]:
        return (-self.weights.get(word, 0.0), len(word), word)

    def __contains__(self, word: str) -> bool:
        return word in self.weights

    # --- pinyin ----------------------------------------------------------------------------------

    def words_for_pinyin_prefix(self, letters: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Words whose full pinyin or initials start with ``letters`` (gongjijin, sheb, gjj), best first."""
        letters = letters.replace(" ", "").replace("'", "")
        if not letters:
            return []
        exact = list(self.by_pinyin.get(letters, []))
        found: set[str] = set(exact)
        start = bisect.bisect_left(self.pinyin_sorted, (letters, ""))
        prefixed: list[str] = []
        for full, word in self.pinyin_sorted[start:]:
            if not full.startswith(letters):
                break
            if word not in found:
                found.add(word)
                prefixed.append(word)
        if 2 <= len(letters) <= 6:
            prefixed += [w for w, ini in self.initials.items() if ini.startswith(letters) and w not in found]
        return (exact + sorted(set(prefixed), key=self.rank))[:limit]

    def pinyin_to_words(self, letters: str) -> str:
        """A run of pinyin without spaces → the Chinese words it spells, fewest words first ("" if none)."""
        letters = letters[:MAX_PINYIN_CHARS]
        n = len(letters)
        best: list[tuple[int, float, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, 0.0, [])
        for i in range(n):
            current = best[i]
            if current is None:
                continue
            for j in range(i + 1, min(n, i + self.max_pinyin_len) + 1):
                words = self.by_pinyin.get(letters[i:j])
                if not words:
                    continue
                word = words[0]
                cand = (current[0] + 1, current[1] - self.weights.get(word, 0.0), [*current[2], word])
                old = best[j]
                if old is None or cand[:2] < old[:2]:
                    best[j] = cand
        final = best[n]
        return "".join(final[2]) if final else ""

    # --- typos -----------------------------------------------------------------------------------

    def _similar(self, window: str) -> tuple[str, float]:
        """A dictionary word one typo away from ``window`` and the cost of the change: same sound
        (fuzzy pinyin) with at most one (two in long words) different characters costs
        :data:`HOMOPHONE_COST`; one character substituted, missing or extra costs :data:`EDIT_COST`."""
        syllables = word_pinyin(window)
        allowed = 1 if len(window) <= 3 else 2
        if len(syllables) == len(window):
            for word in self.by_fuzzy.get(fuzzy_key(syllables), []):
                if (
                    len(word) == len(window)
                    and 0 < sum(a != b for a, b in zip(word, window, strict=True)) <= allowed
                ):
                    return word, HOMOPHONE_COST
        if len(window) < 3:
            return "", 0.0
        candidates: set[str] = set()
        for i in range(len(window)):
            shorter = window[:i] + window[i + 1 :]
            if shorter in self.weights and len(shorter) >= 3:
                candidates.add(shorter)  # one extra character
            for word in self.deletions.get(shorter, []):
                if len(word) == len(window) and sum(a != b for a, b in zip(word, window, strict=True)) == 1:
                    candidates.add(word)  # one character substituted
        candidates.update(self.deletions.get(window, []))  # one character missing
        if not candidates:
            return "", 0.0
        return min(candidates, key=self.rank), EDIT_COST

    def correct_han(self, run: str) -> str:
        """Correct a run of Chinese characters: the cheapest cover of the run by dictionary words
        (free), corrected words (a homophone is cheaper than another typo) and single characters kept
        as typed; fewer pieces break ties."""
        n = len(run)
        best: list[tuple[float, int, list[str]] | None] = [None] * (n + 1)
        best[0] = (0.0, 0, [])
        for i in range(n):
            current = best[i]
            if current is None:
                continue
            for j in range(i + 1, min(n, i + MAX_WINDOW) + 1):
                piece = run[i:j]
                if len(piece) == 1:
                    word, cost = piece, KEEP_CHAR_COST
                elif piece in self.weights:
                    word, cost = piece, 0.0
                else:
                    word, cost = self._similar(piece)
                    if not word:
                        continue
                cand = (current[0] + cost, current[1] + 1, [*current[2], word])
                old = best[j]
                if old is None or cand[:2] < old[:2]:
                    best[j] = cand
        final = best[n]
        return "".join(final[2]) if final else run


_lock = threading.Lock()
_vocabulary: tuple[float, Vocabulary] | None = None
_refreshing = False


def _title_words(titles: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for title in titles:
        for word in set(segment(title)):
            if len(word) >= 2:
                counts[word] += 1
    return counts


def _public_titles() -> list[str]:
    titles: list[str] = []
    for searchable in registry.all_types():
        try:
            qs = searchable.public_queryset().order_by("-pk")
            model_fields = {f.name for f in qs.model._meta.get_fields()}
            if "title" in model_fields:
                titles += [t for t in qs.values_list("title", flat=True)[:TITLES_PER_TYPE] if t]
            else:
                titles += [searchable.to_entry(obj).title for obj in qs[: TITLES_PER_TYPE // 10]]
        except Exception:
            logger.exception("检索词表读取标题失败：%s", searchable.name)
    return titles


def build_vocabulary() -> Vocabulary:
    """Read the vocabulary from the dictionary file and the database (never raises)."""
    weighted: list[tuple[str, float]] = [(w, 3.0) for w in builtin_words()]
    titles: list[str] = []
    try:
        from gongkai.search.synonyms import synonym_map

        for term, others in synonym_map().items():
            weighted.append((term, 3.0))
            weighted += [(o, 2.0) for o in others]
        titles = _public_titles()
    except Exception:
        logger.exception("检索词表读取失败")
    weighted += [(w, 1.0 + math.log(n)) for w, n in _title_words(titles).items()]
    return Vocabulary.build(weighted, titles)


def _refresh_in_background() -> None:
    from django.db import connection

    global _vocabulary, _refreshing
    try:
        voc = build_vocabulary()
        with _lock:
            _vocabulary = (time.monotonic(), voc)
    finally:
        _refreshing = False
        connection.close()


def get_vocabulary() -> Vocabulary:
    """The cached vocabulary. Built on first use; when older than the refresh interval, the old one
    keeps serving while a background thread builds the new one."""
    global _vocabulary, _refreshing
    with _lock:
        cached = _vocabulary
        if cached is not None:
            if time.monotonic() - cached[0] >= VOCABULARY_TTL_SECONDS and not _refreshing:
                _refreshing = True
                threading.Thread(target=_refresh_in_background, name="search-vocabulary", daemon=True).start()
            return cached[1]
    voc = build_vocabulary()
    with _lock:
        _vocabulary = (time.monotonic(), voc)
    return voc


def reset_vocabulary() -> None:
    """Rebuild the vocabulary on next use."""
    global _vocabulary
    with _lock:
        _vocabulary = None


# --- the public functions ----------------------------------------------------------------------


def is_latin_query(text: str) -> bool:
    return bool(_LATIN_RE.match(text)) and any(c.isalpha() for c in text)


def correct(text: str, vocabulary: Vocabulary | None = None) -> str:
    """A corrected query for "您是不是要找", or "" when nothing looks wrong. Runs of pinyin become the
    Chinese words they spell; runs of Chinese characters get their typos fixed. The caller checks
    that the correction finds more than the query did."""
    query = normalise(text).strip()
    if not query or len(query) > MAX_CORRECTED_CHARS:
        return ""
    voc = vocabulary or get_vocabulary()
    changed = False

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        run = m.group(0)
        if run[0].isascii():
            if len(run) < 2:
                return run
            words = voc.pinyin_to_words(run)
            fixed = words or run
        else:
            fixed = voc.correct_han(run)
        if fixed != run:
            changed = True
        return fixed

    corrected = _RUN_RE.sub(fix, query)
    return corrected if changed else ""


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "hot" 热搜 | "word" 词语 | "title" 标题

    def as_dict(self) -> dict[str, str]:
        return {"text": self.text, "kind": self.kind}


def autocomplete(
    text: str, *, limit: int = MAX_SUGGESTIONS, hot: list[str] | None = None
) -> list[Suggestion]:
    """Suggestions while typing: hot queries, dictionary words (also from pinyin) and titles that
    start with (or, for titles, contain) what was typed. An empty input gives the hot queries."""
    from gongkai.search.log import hot_queries

    query = normalise(text).strip()[:100]
    hot = hot_queries() if hot is None else hot
    out: dict[str, Suggestion] = {}

    def add(items: Iterable[str], kind: str) -> None:
        for item in items:
            if len(out) >= limit:
                return
            if item and item not in out:
                out[item] = Suggestion(item, kind)

    if not query:
        add(hot, "hot")
        return list(out.values())
    voc = get_vocabulary()
    add((h for h in hot if h.startswith(query) and h != query), "hot")
    if is_latin_query(query):
        add(voc.words_for_pinyin_prefix(query, limit), "word")
        spelled = voc.pinyin_to_words(query.replace(" ", "").replace("'", ""))
        add([spelled] if spelled else [], "word")
        return list(out.values())
    start = bisect.bisect_left(voc.words_sorted, query)
    words: list[str] = []
    for word in voc.words_sorted[start : start + 200]:
        if not word.startswith(query):
            break
        if word != query:
            words.append(word)
    add(sorted(words, key=voc.rank)[: max(3, limit // 2)], "word")
    starting = [t for t in voc.titles if t.startswith(query)]
    containing = [t for t in voc.titles if query in t and not t.startswith(query)] if len(query) >= 2 else []
    add([*starting, *containing], "title")
    return list(out.values())
