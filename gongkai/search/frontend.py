"""One search as the portal page and the API run it: the query, the tab counts per content type, the
"您是不是要找" correction, direct answers, and the log entry. The page and the API both call
:func:`run_search`, so the same query gives the same total in both."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from gongkai.core.clock import Clock
from gongkai.documents.choices import TOPIC_LABELS, Validity
from gongkai.search import log, registry, suggest
from gongkai.search.direct import DirectAnswer, direct_answers
from gongkai.search.services import MAX_PAGE, MAX_PAGE_SIZE, search
from gongkai.search.types import FacetValue, SearchQuery, SearchResults

FEW_RESULTS = 3  # fewer results than this: look for a correction
PAGE_SIZE = 10
FILTER_NAMES = ("type", "unit", "year", "topic", "validity")


def _int(value: Any, default: int, low: int, high: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    type: str = ""
    unit: str = ""
    year: int | None = None
    topic: str = ""
    validity: str = ""
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE

    @classmethod
    def lenient(cls, data: Mapping[str, Any], *, page_size: int = PAGE_SIZE) -> SearchParams:
        """From a query string, dropping whatever is not valid (the page never refuses a search)."""

        def text(name: str, limit: int) -> str:
            value = data.get(name, "")
            return value.strip()[:limit] if isinstance(value, str) else ""

        type_name = text("type", 40)
        topic = text("topic", 4)
        validity = text("validity", 20)
        year = _int(data.get("year"), 0, 0, 9999) if data.get("year") else 0
        return cls(
            q=text("q", 1000),
            type=type_name if type_name in registry.type_labels() else "",
            unit=text("unit", 18),
            year=year if 1900 <= year <= 2100 else None,
            topic=topic if topic in TOPIC_LABELS else "",
            validity=validity if validity in Validity.values else "",
            sort="date" if data.get("sort") == "date" else "relevance",
            page=_int(data.get("page", 1), 1, 1, MAX_PAGE),
            page_size=_int(data.get("page_size", page_size), page_size, 1, MAX_PAGE_SIZE),
        )

    def to_query(self) -> SearchQuery:
        return SearchQuery(
            text=self.q,
            types=(self.type,) if self.type else (),
            unit_code=self.unit,
            year=self.year,
            topic=self.topic,
            validity=self.validity,
            sort=self.sort,
            page=self.page,
            page_size=self.page_size,
        )

    def has_filters(self) -> bool:
        return any(getattr(self, name) for name in FILTER_NAMES)

    def querystring(self, **changes: Any) -> str:
        """``?q=…&type=…`` for a link to this search with ``changes`` (a change of anything but the
        page goes back to page 1)."""
        if "page" not in changes:
            changes["page"] = 1
        values = replace(self, **changes)
        pairs: list[tuple[str, str]] = [("q", values.q)]
        for name in FILTER_NAMES:
            value = getattr(values, name)
            if value:
                pairs.append((name, str(value)))
        if values.sort != "relevance":
            pairs.append(("sort", values.sort))
        if values.page > 1:
            pairs.append(("page", str(values.page)))
        if values.page_size != PAGE_SIZE:
            pairs.append(("page_size", str(values.page_size)))
        return "?" + urlencode(pairs)


@dataclass
class SearchOutcome:
    params: SearchParams
    results: SearchResults
    all_count: int = 0  # results over every content type (the "全部" tab)
    type_counts: list[FacetValue] = field(default_factory=list)  # every registered type, in order
    direct_answers: list[DirectAnswer] = field(default_factory=list)
    log_id: int | None = None

    @property
    def num_pages(self) -> int:
        size = max(1, self.params.page_size)
        return min(MAX_PAGE, math.ceil(self.results.total / size)) if self.results.total else 0

    @property
    def page(self) -> int:
        return self.params.page


def _tab_counts(params: SearchParams, results: SearchResults) -> tuple[int, list[FacetValue]]:
    if params.type:
        query = replace(params.to_query(), types=(), page=1, with_facets=False, with_hits=False)
        overall = search(query)
    else:
        overall = results
    counts = {f.value: f.count for f in overall.facets.get("type", [])}
    tabs = [
        FacetValue(value=t.name, label=t.label, count=counts.get(t.name, 0)) for t in registry.all_types()
    ]
    return overall.total, tabs


def _correction(params: SearchParams, results: SearchResults) -> str:
    if results.corrected_text or results.total >= FEW_RESULTS or params.page > 1:
        return results.corrected_text
    corrected = suggest.correct(params.q)
    if not corrected or corrected == log.normalise_query(params.q):
        return ""
    better = search(replace(params.to_query(), text=corrected, page=1, with_facets=False, with_hits=False))
    return corrected if better.total > results.total else ""


def run_search(
    params: SearchParams, *, source: str = "portal", record: bool = True, clock: Clock | None = None
) -> SearchOutcome:
    """Run ``params``; with ``record``, log the search (query, result count, type filter, page)."""
    results = search(params.to_query())
    outcome = SearchOutcome(params=params, results=results)
    if not params.q.strip():
        return outcome
    outcome.all_count, outcome.type_counts = _tab_counts(params, results)
    results.corrected_text = _correction(params, results)
    if params.page == 1:
        outcome.direct_answers = direct_answers(log.normalise_query(params.q))
    if record:
        entry = log.searchlog_record(
            query=params.q,
            result_count=results.total,
            type_filter=params.type,
            page=params.page,
            source=source,
            clock=clock,
        )
        outcome.log_id = entry.pk if entry else None
    return outcome
