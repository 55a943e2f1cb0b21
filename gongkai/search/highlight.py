"""Highlighting from the original text and the query's terms: escape first, then add <mark>."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from django.utils.html import escape

from gongkai.search.analysis import normalise

SNIPPET_CHARS = 120


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index of the original character."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        n = normalise(unicodedata.normalize("NFKC", ch))
        for c in n:
            out.append(c)
            index.append(i)
    return "".join(out), index


def _spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Spans (original indices) of every occurrence of any term, merged."""
    norm, index = _normalised_with_map(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = 0
        while True:
            k = norm.find(term, start)
            if k < 0:
                break
            spans.append((index[k], index[k + len(term) - 1] + 1))
            start = k + 1
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def mark(text: str, terms: Sequence[str]) -> str:
    """``text`` HTML-escaped, with ``<mark>`` around each occurrence of a term."""
    out: list[str] = []
    pos = 0
    for s, e in _spans(text, terms):
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def snippet(body: str, terms: Sequence[str], size: int = SNIPPET_CHARS) -> str:
    """About ``size`` characters of ``body`` around the first match, escaped and marked."""
    text = " ".join(body.split())
    spans = _spans(text, terms)
    if spans:
        first = spans[0][0]
        start = max(0, first - size // 4)
    else:
        start = 0
    piece = text[start : start + size]
    html = mark(piece, terms)
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + size < len(text) else ""
    return f"{prefix}{html}{suffix}"
