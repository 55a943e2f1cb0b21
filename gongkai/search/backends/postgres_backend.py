"""The shared backend: PostgreSQL full-text search on ``search_searchentry``.

Each entry's ``tsv`` is built from the same pre-segmented bigrams as the embedded index (positions
and weights written directly as a tsvector literal: A title/发文字号, B 主题词, C body, D unit), so
the ``simple`` configuration's parser never touches Chinese text. A word matches as a phrase
(``'公积' <-> '积金'``); a region restriction is a weight restriction (``'公积':A``).

Matching uses the RUM index (``rum_tsvector_ops``, positions kept in the index, so phrase queries
need no heap recheck) where the extension exists, else GIN. Ranking is the shared formula of
``backends.common`` computed in SQL (not ``ts_rank``/``<=>``), so both backends order alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from django.db import connection, transaction

from gongkai.search.analysis import (
    ALL_REGIONS,
    DOC_NUMBER_SCORE,
    REGION_SCORES,
    Group,
    ParsedQuery,
    entry_regions,
    query_grams,
)
from gongkai.search.backends import SearchUnavailable
from gongkai.search.backends.common import FACET_NAMES, FETCH_EXTRA, make_hit, order_key, rank_factor, topic1
from gongkai.search.backends.common import facet_values as label_facets
from gongkai.search.types import FacetValue, IndexEntry, SearchQuery, SearchResults

TABLE = "search_searchentry"
_COLUMNS = [
    "key",
    "type",
    "object_id",
    "title",
    "body",
    "url",
    "published_at",
    "unit_code",
    "unit_name",
    "doc_number",
    "year",
    "topic",
    "topic1",
    "genre",
    "validity",
    "keywords",
    "boost",
    "rank_factor",
]
_FACET_COLUMNS = {
    "type": "type",
    "unit": "unit_code",
    "year": "year",
    "topic": "topic1",
    "validity": "validity",
}


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(entry: IndexEntry) -> str:
    regions = entry_regions(
        title=entry.title,
        doc_number=entry.doc_number,
        keywords=entry.keywords,
        body=entry.body,
        unit_name=entry.unit_name,
    )
    positions: dict[str, list[str]] = {}
    for region, tokens in regions.items():
        for pos, tok in tokens:
            positions.setdefault(tok, []).append(f"{pos}{region}")
    return " ".join(f"{_lexeme(tok)}:{','.join(ps)}" for tok, ps in positions.items())


def _phrase(text: str, weights: str) -> str:
    tokens = query_grams(text)
    if not tokens:
        return ""
    suffix = f":{weights}" if weights else ""
    parts = [f"{_lexeme(tokens[0][1])}{suffix}"]
    for (p0, _), (p1, tok) in pairwise(tokens):
        parts.append(f"<{p1 - p0}> {_lexeme(tok)}{suffix}")
    return "(" + " ".join(parts) + ")"


def _any_of(alternatives: Sequence[str], weights: str) -> str:
    parts = [p for p in (_phrase(a, weights) for a in alternatives) if p]
    return "(" + " | ".join(parts) + ")" if parts else ""


def _weights(regions: Sequence[str]) -> str:
    return "" if set(regions) == set(ALL_REGIONS) else "".join(sorted(regions))


class PostgresBackend:
    name = "postgres"

    def __init__(self) -> None:
        if connection.vendor != "postgresql":
            raise SearchUnavailable(
                "共享检索后端（postgres）需要 PostgreSQL 数据库；"
                "当前数据库不是 PostgreSQL，请使用 tantivy 后端。"
            )

    # --- writing -------------------------------------------------------------------------------

    def upsert(self, entries: list[IndexEntry]) -> None:
        if not entries:
            return
        cols = ", ".join(_COLUMNS)
        placeholders = ", ".join(["%s"] * len(_COLUMNS))
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in [*_COLUMNS[1:], "tsv"])
        sql = (
            f"INSERT INTO {TABLE} ({cols}, tsv) VALUES ({placeholders}, %s::tsvector) "  # noqa: S608
            f"ON CONFLICT (key) DO UPDATE SET {updates}"
        )
        rows = [
            (
                e.key,
                e.type,
                e.object_id,
                e.title,
                e.body,
                e.url,
                e.published_at,
                e.unit_code,
                e.unit_name,
                e.doc_number,
                e.year,
                e.topic,
                topic1(e.topic),
                e.genre,
                e.validity,
                e.keywords,
                e.boost,
                rank_factor(e),
                tsvector_literal(e),
            )
            for e in entries
        ]
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(sql, rows)

    def delete(self, keys: list[str]) -> None:
        if keys:
            with connection.cursor() as cur:
                cur.execute(f"DELETE FROM {TABLE} WHERE key = ANY(%s)", [list(keys)])  # noqa: S608

    def delete_type(self, type_name: str) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {TABLE} WHERE type = %s", [type_name])  # noqa: S608

    def clear(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {TABLE}")  # noqa: S608

    def commit(self) -> None:
        """Writes are visible when the surrounding transaction commits."""

    def rollback(self) -> None:
        """Nothing buffered."""

    def keys(self) -> set[str]:
        with connection.cursor() as cur:
            cur.execute(f"SELECT key FROM {TABLE}")  # noqa: S608
            return {row[0] for row in cur.fetchall()}

    # --- reading -------------------------------------------------------------------------------

    def _where(self, query: SearchQuery, parsed: ParsedQuery) -> tuple[str, list[Any]]:
        terms = [q for q in (_any_of(g.alternatives, _weights(g.regions)) for g in parsed.groups) if q]
        terms += [f"!{q}" for q in (_any_of([t], "") for t in parsed.excluded) if q]
        conds: list[str] = []
        params: list[Any] = []
        has_positive = any(not t.startswith("!") for t in terms)
        text_cond = ""
        if has_positive:
            text_cond = "tsv @@ %s::tsquery"
            params.append(" & ".join(terms))
        elif terms:
            text_cond = "NOT (tsv @@ %s::tsquery)"
            params.append(" | ".join(t[1:] for t in terms))
        else:
            text_cond = "TRUE"
        if parsed.doc_number:
            conds.append(f"(({text_cond}) OR doc_number = %s)")
            params.append(parsed.doc_number)
        else:
            conds.append(text_cond)
        filters: list[tuple[str, Any]] = []
        if parsed.doc_number_filter:
            filters.append(("doc_number = %s", parsed.doc_number_filter))
        if query.types:
            filters.append(("type = ANY(%s)", list(query.types)))
        if query.unit_code:
            filters.append(("unit_code = %s", query.unit_code))
        if query.year:
            filters.append(("year = %s", int(query.year)))
        if query.topic:
            filters.append(("topic1 = %s" if len(query.topic) == 2 else "topic = %s", query.topic))
        if query.genre:
            filters.append(("genre = %s", query.genre))
        if query.validity:
            filters.append(("validity = %s", query.validity))
        for cond, value in filters:
            conds.append(cond)
            params.append(value)
        return " AND ".join(conds), params

    def _score(self, parsed: ParsedQuery) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for group in parsed.groups:
            whens: list[str] = []
            for region in sorted(group.regions, key=lambda r: -REGION_SCORES[r]):
                q = _any_of(group.alternatives, region)
                if q:
                    whens.append(f"WHEN tsv @@ %s::tsquery THEN {REGION_SCORES[region]}")
                    params.append(q)
            if whens:
                parts.append(f"(CASE {' '.join(whens)} ELSE 0 END)")
        if parsed.doc_number:
            parts.append(f"(CASE WHEN doc_number = %s THEN {DOC_NUMBER_SCORE} ELSE 0 END)")
            params.append(parsed.doc_number)
        total = " + ".join(parts) if parts else "0"
        return f"(({total}) * rank_factor)", params

    def search(self, query: SearchQuery, parsed: ParsedQuery | None = None) -> SearchResults:
        from gongkai.search.services import parse_for_search

        parsed = parsed or parse_for_search(query.text)
        if parsed.is_empty:
            return SearchResults(total=0, hits=[])
        where, where_params = self._where(query, parsed)
        start = (query.page - 1) * query.page_size
        limit = start + query.page_size + FETCH_EXTRA
        if query.sort == "date":
            score_sql, score_params = "0.0", list[Any]()
            order = "published_at DESC NULLS LAST, key"
        else:
            score_sql, score_params = self._score(parsed)
            order = "score DESC, published_at DESC NULLS LAST, key"
        sql = (
            f"SELECT key, type, object_id, title, body, url, published_at, unit_name, doc_number, validity, "  # noqa: S608
            f"{score_sql} AS score FROM {TABLE} WHERE {where} ORDER BY {order} LIMIT %s"
        )
        with connection.cursor() as cur:
            cur.execute(sql, [*score_params, *where_params, limit])
            names = [c[0] for c in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
            cur.execute(f"SELECT count(*) FROM {TABLE} WHERE {where}", where_params)  # noqa: S608
            total = int(cur.fetchone()[0])
            facets = self._facets(cur, where, where_params) if query.with_facets and total else {}
        if query.sort == "date":
            rows.sort(key=lambda r: (-(r["published_at"].timestamp() if r["published_at"] else 0), r["key"]))
        else:
            rows.sort(key=lambda r: order_key(float(r["score"]), r["published_at"], r["key"]))
        hits = [make_hit(r, float(r["score"]), parsed, query) for r in rows[start : start + query.page_size]]
        return SearchResults(total=total, hits=hits, facets=facets)

    def _facets(self, cur: Any, where: str, params: list[Any]) -> dict[str, list[FacetValue]]:
        out: dict[str, list[FacetValue]] = {}
        for name in FACET_NAMES:
            col = _FACET_COLUMNS[name]
            label_col = "max(unit_name)" if name == "unit" else "''"
            cur.execute(
                f"SELECT {col}, {label_col}, count(*) FROM {TABLE} WHERE {where} GROUP BY {col}",  # noqa: S608
                params,
            )
            counts = [("" if v is None else str(v), str(lbl or ""), int(c)) for v, lbl, c in cur.fetchall()]
            out[name] = label_facets(name, counts)
        return out


def group_sql_for_tests(group: Group) -> str:
    """The tsquery of one group (exposed for tests and debugging)."""
    return _any_of(group.alternatives, _weights(group.regions))
