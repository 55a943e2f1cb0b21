"""Text normalisation and tokenisation for question matching.

Everything that enters the index or a query goes through :func:`normalise` first, so a question typed
in full-width characters, in Traditional script or with Taiwan terms meets the same tokens as the
Simplified text of the knowledge base:

- NFKC (full-width letters, digits and punctuation → half-width), lower case, control and zero-width
  characters dropped;
- Traditional → Simplified with regional phrases (``zhconv``'s ``zh-cn`` table, e.g. 軟體 → 软件);
  ``zhconv`` is a pure-Python longest-match converter, about 20 µs for a short question.

Tokens (:func:`analyse`) come in three kinds that the lexical index keeps as separate fields:

- **words** from ``rjieba`` in search mode (long words and their parts), stop words left out;
- **bigrams** of consecutive Han characters (and letter/digit runs as one token): they survive a
  wrong segmentation and a one-character typo destroys only the two bigrams around it;
- **characters** (single Han characters): the last resort for typos and very short questions.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import rjieba
import zhconv

# A question longer than this is cut before analysis: nobody asks in more words, and a hostile
# 10,000-character input must not cost more than a normal one.
MAX_QUERY_CHARS = 200
# Answers are indexed up to this length: the opening states what the answer is about, the rest (legal
# text, contact lists) adds little but noise and index size.
MAX_ANSWER_CHARS = 3000

_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
_TAG_RE = re.compile(r"<[^>]{0,200}>")
_HAN_CLASS = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002ffff\u3007"
# A run of Han characters, or a run of letters/digits that are not Han ([^\W_] is str.isalnum()).
_RUN_RE = re.compile(f"([{_HAN_CLASS}]+)|([^\\W_{_HAN_CLASS}]+)")
_HAN_RE = re.compile(f"[{_HAN_CLASS}]")
MAX_TOKEN_CHARS = 30

# Function words and question frames that every question shares: they carry no topic. Kept small on
# purpose; BM25's idf already discounts what is common.
STOPWORDS: frozenset[str] = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "对",
        "等",
        "为",
        "于",
        "把",
        "被",
        "并",
        "其",
        "之",
        "以",
        "由",
        "从",
        "向",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "么",
        "嘛",
        "哦",
        "我",
        "你",
        "他",
        "她",
        "它",
        "我们",
        "你们",
        "他们",
        "请问",
        "请",
        "问",
        "想",
        "想问",
        "一下",
        "怎么",
        "怎样",
        "怎么样",
        "如何",
        "什么",
        "哪些",
        "哪里",
        "哪儿",
        "能否",
        "能不能",
        "可以",
        "可不",
        "是否",
        "有没有",
        "需要",
        "要",
        "该",
        "应该",
        "会",
        "这个",
        "那个",
        "这",
        "那",
        "个",
        "有",
        "没有",
        "都",
        "也",
        "就",
        "还",
    ]
)


def normalise(text: str) -> str:
    """NFKC, lower case, controls and markup tags dropped, Traditional → Simplified."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _CONTROL_RE.sub("", text)
    text = _TAG_RE.sub(" ", text)
    if _HAN_RE.search(text):
        text = zhconv.convert(text, "zh-cn")
    return text.lower()


def clip_query(text: str) -> str:
    """The part of a question that is analysed (see :data:`MAX_QUERY_CHARS`)."""
    return (text or "")[: MAX_QUERY_CHARS * 2]


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (any extension block) or 〇."""
    return bool(_HAN_RE.match(ch))


_jieba_lock = threading.Lock()
_jieba: rjieba.Jieba | None = None


def _segmenter() -> rjieba.Jieba:
    global _jieba
    with _jieba_lock:
        if _jieba is None:
            _jieba = rjieba.Jieba()
        return _jieba


def add_words(words: Iterable[str]) -> None:
    """Teach the segmenter domain words (synonym-table terms), so 住房公积金 stays one word."""
    jieba = _segmenter()
    with _jieba_lock:
        for word in words:
            w = normalise(word).strip()
            if 2 <= len(w) <= MAX_TOKEN_CHARS and " " not in w:
                jieba.add_word(w, None, None)


@dataclass(frozen=True, slots=True)
class Analysed:
    """Tokens of one normalised text, each list in text order (repeats kept: BM25 counts them)."""

    words: list[str]
    bigrams: list[str]
    chars: list[str]


def segment(normalised: str) -> list[str]:
    """Words of already normalised text (search mode), punctuation and stop words left out."""
    out: list[str] = []
    for w in _segmenter().cut_for_search(normalised):
        w = w.strip()
        if not w or w in STOPWORDS or len(w) > MAX_TOKEN_CHARS:
            continue
        if _RUN_RE.search(w):
            out.append(w)
    return out


def grams(normalised: str) -> tuple[list[str], list[str]]:
    """``(bigrams, characters)`` of already normalised text; a letter/digit run is one token in both."""
    bigrams: list[str] = []
    chars: list[str] = []
    for han, alnum in _RUN_RE.findall(normalised):
        if han:
            chars.extend(han)
            if len(han) == 1:
                bigrams.append(han)
            else:
                bigrams.extend(han[k : k + 2] for k in range(len(han) - 1))
        else:
            token = alnum[:MAX_TOKEN_CHARS]
            bigrams.append(token)
            chars.append(token)
    return bigrams, [c for c in chars if c not in STOPWORDS]


def analyse(text: str, *, limit: int | None = None) -> Analysed:
    """Normalise ``text`` (cut to ``limit`` characters first) and return its tokens."""
    if limit is not None:
        text = text[:limit]
    norm = normalise(text)
    bigrams, chars = grams(norm)
    return Analysed(words=segment(norm), bigrams=bigrams, chars=chars)
