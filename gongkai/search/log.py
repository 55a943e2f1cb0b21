"""The search log: what was searched and which results were opened — for the openness office's
analytics and the portal's 热搜. It holds no personal data: no address, no user, no session; only the
normalised query, the number of results, the type filter, the page and the time (from the clock)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet

from gongkai.core.clock import CHINA_TZ, Clock, get_clock
from gongkai.search.analysis import MAX_QUERY_CHARS, normalise
from gongkai.search.models import SearchClick, SearchLog

logger = logging.getLogger(__name__)

HOT_DAYS = 30
HOT_LIMIT = 10
HOT_MIN_SEARCHES = 2  # one person's single search never reaches the public 热搜 list
HOT_CACHE_SECONDS = 300.0
RETENTION_DAYS = 400  # a little over a year, enough for the annual report
ANALYTICS_LIMIT = 50

_SPACES_RE = re.compile(r"\s+")
_KEY_RE = re.compile(r"^[a-z_]{1,40}:[0-9]{1,18}$")
_hot_lock = threading.Lock()
_hot_cache: dict[tuple[int, int], tuple[float, list[str]]] = {}


def normalise_query(text: str) -> str:
    """The form a query is logged and counted in: NFKC, lower case, single spaces, at most 100 chars."""
    return _SPACES_RE.sub(" ", normalise(text or "")).strip()[:MAX_QUERY_CHARS]


def valid_key(key: str) -> bool:
    return bool(_KEY_RE.match(key or ""))


def searchlog_record(
    *,
    query: str,
    result_count: int,
    type_filter: str = "",
    page: int = 1,
    source: str = SearchLog.Source.PORTAL,
    clock: Clock | None = None,
) -> SearchLog | None:
    """Record one search; an empty query is not recorded. Never raises: the log must not stop a search."""
    text = normalise_query(query)
    if not text:
        return None
    clock = clock or get_clock()
    try:
        return SearchLog.objects.create(
            query=text,
            result_count=max(0, int(result_count)),
            type_filter=(type_filter or "")[:40],
            page=max(1, min(int(page), 10_000)),
            source=source if source in SearchLog.Source.values else SearchLog.Source.PORTAL,
            created_at=clock.now(),
        )
    except Exception:
        logger.exception("检索记录写入失败")
        return None


def searchlog_get(search_id: int | str | None) -> SearchLog | None:
    try:
        pk = int(search_id or 0)
    except (TypeError, ValueError):
        return None
    if pk <= 0 or pk > 2**62:
        return None
    return SearchLog.objects.filter(pk=pk).first()


def searchclick_record(
    *, search: SearchLog | None, key: str, position: int = 0, clock: Clock | None = None
) -> SearchClick | None:
    """Record that a result was opened from a search. Never raises."""
    if not valid_key(key):
        return None
    clock = clock or get_clock()
    try:
        return SearchClick.objects.create(
            search=search,
            query=search.query if search else "",
            key=key,
            position=max(0, min(int(position), 10_000)),
            created_at=clock.now(),
        )
    except Exception:
        logger.exception("检索点击写入失败")
        return None


def searchlog_prune(*, days: int = RETENTION_DAYS, clock: Clock | None = None) -> int:
    """Delete log rows older than ``days``; returns how many searches were deleted."""
    clock = clock or get_clock()
    cutoff = clock.now() - dt.timedelta(days=days)
    SearchClick.objects.filter(created_at__lt=cutoff).delete()
    deleted, _ = SearchLog.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# --- reading -------------------------------------------------------------------------------------


def clear_hot_cache() -> None:
    with _hot_lock:
        _hot_cache.clear()


def hot_queries(*, limit: int = HOT_LIMIT, days: int = HOT_DAYS, clock: Clock | None = None) -> list[str]:
    """热搜: the most searched queries of the last ``days`` days that found something (cached a few
    minutes)."""
    clock = clock or get_clock()
    cache_key = (limit, days)
    with _hot_lock:
        cached = _hot_cache.get(cache_key)
        if cached and time.monotonic() - cached[0] < HOT_CACHE_SECONDS:
            return list(cached[1])
    since = clock.now() - dt.timedelta(days=days)
    try:
        rows = (
            SearchLog.objects.filter(created_at__gte=since, page=1)
            .values("query")
            .annotate(n=Count("id"), found=Count("id", filter=Q(result_count__gt=0)))
            .filter(found__gt=0, n__gte=HOT_MIN_SEARCHES)
            .order_by("-found", "query")[:limit]
        )
        result = [r["query"] for r in rows]
    except Exception:
        logger.exception("热搜读取失败")
        result = []
    with _hot_lock:
        _hot_cache[cache_key] = (time.monotonic(), result)
    return result


@dataclass(frozen=True)
class QueryStat:
    query: str
    searches: int
    avg_results: float
    clicks: int

    @property
    def click_rate(self) -> float:
        return self.clicks / self.searches if self.searches else 0.0


@dataclass(frozen=True)
class Analytics:
    date_from: dt.date
    date_to: dt.date
    searches: int
    distinct_queries: int
    clicks: int
    top: list[QueryStat]
    no_results: list[QueryStat]
    no_clicks: list[QueryStat]


def _period(date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(date_from, dt.time.min, tzinfo=CHINA_TZ)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=CHINA_TZ)
    return start, end


def _stats(qs: QuerySet[SearchLog], clicks: dict[str, int], limit: int) -> list[QueryStat]:
    rows = qs.values("query").annotate(n=Count("id"), avg=Avg("result_count")).order_by("-n", "query")[:limit]
    return [
        QueryStat(
            query=r["query"],
            searches=r["n"],
            avg_results=float(r["avg"] or 0),
            clicks=clicks.get(r["query"], 0),
        )
        for r in rows
    ]


def search_analytics(*, date_from: dt.date, date_to: dt.date, limit: int = ANALYTICS_LIMIT) -> Analytics:
    """Top queries, queries that found nothing, and queries that found something nobody opened, in
    the period (China dates, both included). Only first pages count as searches."""
    start, end = _period(date_from, date_to)
    searches = SearchLog.objects.filter(created_at__gte=start, created_at__lt=end, page=1)
    click_rows = (
        SearchClick.objects.filter(created_at__gte=start, created_at__lt=end)
        .exclude(query="")
        .values("query")
        .annotate(n=Count("id"))
    )
    clicks = {r["query"]: r["n"] for r in click_rows}
    never_found = (
        searches.values("query")
        .annotate(ok=Count("id", filter=Q(result_count__gt=0)))
        .filter(ok=0)
        .values("query")
    )
    clicked = SearchClick.objects.filter(created_at__gte=start, created_at__lt=end).values("query").distinct()
    return Analytics(
        date_from=date_from,
        date_to=date_to,
        searches=searches.count(),
        distinct_queries=searches.values("query").distinct().count(),
        clicks=sum(clicks.values()),
        top=_stats(searches, clicks, limit),
        no_results=_stats(searches.filter(query__in=never_found), clicks, limit),
        no_clicks=_stats(searches.filter(result_count__gt=0).exclude(query__in=clicked), clicks, limit),
    )
