"""The contract of the search subsystem: what gets indexed, what a query asks, what comes back.

Backends (embedded tantivy, shared PostgreSQL) implement :class:`SearchBackend`; content types
describe their public records as :class:`IndexEntry`; the portal, the API and the Q&A assistant
ask with :class:`SearchQuery` and read :class:`SearchResults`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class IndexEntry:
    """One public record as the index sees it. ``key`` is ``"<type>:<id>"``, unique across types."""

    key: str
    type: str  # registered content type name, e.g. "document", "interpretation", "qa", "gazette"
    object_id: int
    title: str
    body: str
    url: str
    published_at: dt.datetime | None
    unit_code: str = ""
    unit_name: str = ""
    doc_number: str = ""  # normalised 发文字号 (苏府办〔2018〕193号) or ""
    year: int | None = None
    topic: str = ""  # 主题分类 code ("0201"); facets use its first two characters too
    genre: str = ""  # 文种 / 体裁
    validity: str = ""  # documents.choices.Validity value, "" when not applicable
    keywords: str = ""
    boost: float = 1.0  # static prior (e.g. lower for expired documents)


@dataclass(frozen=True)
class SearchQuery:
    text: str
    types: tuple[str, ...] = ()  # empty: every type
    unit_code: str = ""
    year: int | None = None
    topic: str = ""  # first-level (2 chars) or second-level (4 chars) code
    genre: str = ""
    validity: str = ""
    sort: str = "relevance"  # "relevance" | "date"
    page: int = 1
    page_size: int = 10
    with_facets: bool = True  # False: only the "type" facet (it gives the total anyway)
    with_highlights: bool = True
    with_hits: bool = True  # False: total and facets only, no ranking pass


@dataclass(frozen=True)
class Hit:
    key: str
    type: str
    object_id: int
    url: str
    title: str
    title_html: str  # escaped, with <mark>…</mark> around matches
    snippet_html: str  # escaped, with <mark>…</mark>
    score: float
    published_at: dt.datetime | None
    unit_name: str = ""
    doc_number: str = ""
    validity: str = ""


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(
        default_factory=dict
    )  # "type","unit","year","topic","validity"
    took_ms: float = 0.0
    corrected_text: str = ""  # "您是不是要找": a better query when this one finds little
    notice: str = ""  # a plain-language note about the query (e.g. it was cut to 100 characters)


class SearchBackend(Protocol):
    """An index of :class:`IndexEntry`. Implementations must give the same results for the same query."""

    name: str

    def upsert(self, entries: list[IndexEntry]) -> None: ...

    def delete(self, keys: list[str]) -> None: ...

    def search(self, query: SearchQuery) -> SearchResults: ...

    def keys(self) -> set[str]:
        """Every key in the index (for the health check)."""
        ...

    def clear(self) -> None: ...

    def commit(self) -> None:
        """Make writes visible to readers (no-op where writes are immediately visible)."""
        ...
