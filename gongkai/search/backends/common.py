"""What both backends share: the ranking formula, result ordering, hits, facet labels."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from gongkai.documents.choices import TOPIC_LABELS, Validity
from gongkai.search import highlight
from gongkai.search.analysis import ParsedQuery, normalise
from gongkai.search.registry import type_labels
from gongkai.search.types import FacetValue, Hit, IndexEntry, SearchQuery

_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
RECENCY_PER_YEAR = 0.001  # +0.1 % per year since 2000: a tie-break, never outweighs a better match
FETCH_EXTRA = 20  # fetch a few more than the page and re-sort, so equal scores order the same way

# Static priors by validity (multiplied with the registration's own boost).
VALIDITY_BOOST: dict[str, float] = {
    Validity.VALID: 1.0,
    Validity.NOT_APPLICABLE: 1.0,
    Validity.AMENDED: 0.8,
    Validity.PARTLY_EXPIRED: 0.8,
    Validity.EXPIRED: 0.5,
    Validity.REPEALED: 0.5,
}


def rank_factor(entry: IndexEntry) -> float:
    """Static multiplier of an entry's score: its boost times a mild recency prior."""
    days = 0.0
    if entry.published_at is not None:
        days = max(0.0, (entry.published_at - _EPOCH).total_seconds() / 86400.0)
    return min(10.0, max(0.01, entry.boost)) * (1.0 + RECENCY_PER_YEAR * days / 365.25)


def published_ts(value: dt.datetime | None) -> int:
    return int(value.timestamp()) if value is not None else 0


def order_key(score: float, published: dt.datetime | None, key: str) -> tuple[float, int, str]:
    """Best first: score (to 6 significant digits, float32 and float64 agree), newer, then key."""
    return (-float(f"{score:.6g}"), -published_ts(published), key)


def topic1(topic: str) -> str:
    return topic[:2] if topic else ""


def _is_normalised(text: str) -> bool:
    """True when :func:`normalise` leaves every character of ``text`` as it is (the usual case for
    Chinese text): then the highlighter's per-character map is the identity."""
    return unicodedata.is_normalized("NFKC", text) and normalise(text) == text


def snippet(body: str, terms: Sequence[str]) -> str:
    """:func:`highlight.snippet`, without normalising a long body character by character when it is
    already normalised: the window starts at the first occurrence of any term, found with
    ``str.find`` (identical result: the merged spans' first start is the smallest occurrence)."""
    text = " ".join(body.split())
    if len(text) <= highlight.SNIPPET_CHARS or not _is_normalised(text):
        return highlight.snippet(body, terms)
    size = highlight.SNIPPET_CHARS
    found = [k for k in (text.find(t) for t in terms if t) if k >= 0]
    start = max(0, min(found) - size // 4) if found else 0
    piece = text[start : start + size]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + size < len(text) else ""
    return f"{prefix}{highlight.mark(piece, terms)}{suffix}"


def make_hit(row: dict[str, Any], score: float, parsed: ParsedQuery, query: SearchQuery) -> Hit:
    terms = parsed.highlight_terms
    title = row["title"]
    if query.with_highlights:
        title_html = highlight.mark(title, terms)
        snippet_html = snippet(row["body"], terms)
    else:
        title_html = highlight.mark(title, [])
        snippet_html = snippet(row["body"], [])
    return Hit(
        key=row["key"],
        type=row["type"],
        object_id=int(row["object_id"]),
        url=row["url"],
        title=title,
        title_html=title_html,
        snippet_html=snippet_html,
        score=float(score),
        published_at=row["published_at"],
        unit_name=row.get("unit_name", ""),
        doc_number=row.get("doc_number", ""),
        validity=row.get("validity", ""),
    )


def facet_values(name: str, counts: Iterable[tuple[str, str, int]]) -> list[FacetValue]:
    """``(value, label or "", count)`` → labelled facet values, largest first (years: newest first)."""
    labels: dict[str, str] = {}
    if name == "type":
        labels = type_labels()
    elif name == "topic":
        labels = dict(TOPIC_LABELS)
    elif name == "validity":
        labels = {str(v): str(lbl) for v, lbl in Validity.choices}
    out = [FacetValue(value=v, label=lbl or labels.get(v, v), count=c) for v, lbl, c in counts if v and c > 0]
    if name == "year":
        out.sort(key=lambda f: f.value, reverse=True)
    else:
        out.sort(key=lambda f: (-f.count, f.value))
    return out


FACET_NAMES: Sequence[str] = ("type", "unit", "year", "topic", "validity")
