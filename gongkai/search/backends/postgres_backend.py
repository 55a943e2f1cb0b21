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

from collections import defaultdict
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
    match_alternatives,
    query_grams,
)
from gongkai.search.backends import SearchUnavailable
from gongkai.search.backends.common import FACET_NAMES, FETCH_EXTRA, make_hit, order_key, rank_factor, topic1
from gongkai.search.backends.common import facet_values as label_facets
from gongkai.search.types import IndexEntry, SearchQuery, SearchResults

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
    if "\\" in token or "'" in token:
        token = token.replace("\\", "\\\\").replace("'", "''")
    return "'" + token + "'"


def tsvector_literal(entry: IndexEntry) -> str:
    regions = entry_regions(
        title=entry.title,
        doc_number=entry.doc_number,
        keywords=entry.keywords,
        body=entry.body,
        unit_name=entry.unit_name,
    )
    positions: defaultdict[str, list[str]] = defaultdict(list)
    for region, tokens in regions.items():
        for pos, tok in tokens:
            positions[tok].append(f"{pos}{region}")
    # Tokens are Han bigrams or runs of letters/digits: a quote or backslash never occurs, but stay safe.
    return " ".join([f"{_lexeme(tok)}:{','.join(ps)}" for tok, ps in positions.items()])


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
    parts = [p for p in (_phrase(a, weights) for a in match_alternatives(alternatives)) if p]
    return "(" + " | ".join(parts) + ")" if parts else ""


def _weights(regions: Sequence[str]) -> str:
    return "" if set(regions) == set(ALL_REGIONS) else "".join(sorted(regions))


# The full-text index (migration 0001): RUM where the extension exists, else GIN.
FULLTEXT_INDEXES = (
    (
        "search_entry_tsv_rum",
        f"CREATE INDEX search_entry_tsv_rum ON {TABLE} USING rum (tsv rum_tsvector_ops)",
    ),
    ("search_entry_tsv_gin", f"CREATE INDEX search_entry_tsv_gin ON {TABLE} USING gin (tsv)"),
)


class PostgresBackend:
    name = "postgres"

    def __init__(self) -> None:
        self._dropped_index: list[str] | None = None
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
        """Empty the index for a full rebuild. The full-text index is dropped until :meth:`commit`
        (or :meth:`rollback`) builds it again: maintaining a RUM/GIN index row by row costs about ten
        times more than building it once over the whole table. (Should a rebuild die in between,
        searches stay correct but slow, and the next rebuild creates the index again.)"""
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {TABLE}")  # noqa: S608
            if self._dropped_index is not None:
                return
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname = ANY(%s)",
                [TABLE, [name for name, _ in FULLTEXT_INDEXES]],
            )
            found = cur.fetchall()
            for name, _ in found:
                cur.execute(f'DROP INDEX IF EXISTS "{name}"')
            if found:
                self._dropped_index = [definition for _, definition in found]
            else:
                cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
                self._dropped_index = [FULLTEXT_INDEXES[0 if cur.fetchone() else 1][1]]

    def _restore_index(self) -> None:
        dropped, self._dropped_index = self._dropped_index, None
        if dropped:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for definition in dropped:
                    cur.execute(definition)
                cur.execute(f"ANALYZE {TABLE}")

    def commit(self) -> None:
        """Writes are visible when the surrounding transaction commits; after a full rebuild, build
        the full-text index again."""
        self._restore_index()

    def rollback(self) -> None:
        """Nothing buffered; the full-text index comes back if a rebuild dropped it."""
        self._restore_index()

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

    def _score(self, parsed: ParsedQuery, column: str = "tsv") -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for group in parsed.groups:
            whens: list[str] = []
            for region in sorted(group.regions, key=lambda r: -REGION_SCORES[r]):
                q = _any_of(group.alternatives, region)
                if q:
                    whens.append(f"WHEN {column} @@ %s::tsquery THEN {REGION_SCORES[region]}")
                    params.append(q)
            if whens:
                parts.append(f"(CASE {' '.join(whens)} ELSE 0 END)")
        if parsed.doc_number:
            parts.append(f"(CASE WHEN doc_number = %s THEN {DOC_NUMBER_SCORE} ELSE 0 END)")
            params.append(parsed.doc_number)
        total = " + ".join(parts) if parts else "0"
        return f"(({total}) * rank_factor)", params

    def _score_matched(self, parsed: ParsedQuery) -> tuple[str, list[Any]]:
        """The same score for rows known to match every group (the WHERE clause requires them all),
        read mostly from ``tsv_head`` (regions A, B, D: small, stored inline): a group that matched
        but not in A or B matched in C unless it matched in D — only then is the body's tsvector
        read, to tell C (1) from D alone (0.5)."""
        parts: list[str] = []
        params: list[Any] = []
        for group in parsed.groups:
            regions = set(group.regions)
            whens: list[str] = []
            for region in ("A", "B"):
                q = _any_of(group.alternatives, region) if region in regions else ""
                if q:
                    whens.append(f"WHEN tsv_head @@ %s::tsquery THEN {REGION_SCORES[region]}")
                    params.append(q)
            q_d = _any_of(group.alternatives, "D") if "D" in regions else ""
            otherwise = 0.0
            if "C" in regions and q_d:
                whens.append(f"WHEN NOT (tsv_head @@ %s::tsquery) THEN {REGION_SCORES['C']}")
                whens.append(f"WHEN tsv @@ %s::tsquery THEN {REGION_SCORES['C']}")
                params += [q_d, _any_of(group.alternatives, "C")]
                otherwise = REGION_SCORES["D"]
            elif "C" in regions:
                otherwise = REGION_SCORES["C"]
            elif q_d:
                whens.append(f"WHEN tsv_head @@ %s::tsquery THEN {REGION_SCORES['D']}")
                params.append(q_d)
            parts.append(f"(CASE {' '.join(whens)} ELSE {otherwise} END)" if whens else f"{otherwise}")
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
            score_sql, score_params, detoast = "0.0", list[Any](), ""
            order = "published_at DESC NULLS LAST, key"
        else:
            if parsed.doc_number or not parsed.groups:
                # A row may match through its 发文字号 alone: test every region. Every region test
                # reads the row's tsvector; read (detoast) it once per row into d.v instead of once
                # per test: the lateral subquery with OFFSET 0 is evaluated once per row.
                score_sql, score_params = self._score(parsed, column="d.v")
                detoast = f" CROSS JOIN LATERAL (SELECT {TABLE}.tsv || ''::tsvector AS v OFFSET 0) d"
            else:
                score_sql, score_params = self._score_matched(parsed)
                detoast = ""
            order = "score DESC, published_at DESC NULLS LAST, key"
        # One pass over the matching rows: the top of the ranking, the total and every facet
        # (GROUPING SETS) from one materialised set, instead of a ranking query, a count and five
        # GROUP BY queries that would each evaluate the text condition again.
        facet_cols = [_FACET_COLUMNS[name] for name in FACET_NAMES]
        n = len(facet_cols)
        if query.with_facets:
            sets = ", ".join(f"({c})" for c in facet_cols)
            grouped, grouping = ", ".join(facet_cols), f"GROUPING({', '.join(facet_cols)})"
        else:  # the type counts only (GROUPING may name grouped columns only: its bits as a constant)
            sets = f"({facet_cols[0]})"
            grouped, grouping = ", ".join([facet_cols[0], *["NULL"] * (n - 1)]), str((1 << (n - 1)) - 1)
        sql = (
            f"WITH m AS MATERIALIZED (SELECT key, published_at, unit_name, {', '.join(facet_cols)}, "  # noqa: S608
            f"{score_sql} AS score FROM {TABLE}{detoast} WHERE {where}) "
            f"SELECT 0, key, score, published_at, {', '.join(['NULL'] * (n + 3))} "
            f"FROM (SELECT * FROM m ORDER BY {order} LIMIT %s) top "
            f"UNION ALL SELECT 1, NULL, NULL, NULL, {grouped}, max(unit_name), count(*), "
            f"{grouping} FROM m GROUP BY GROUPING SETS ({sets})"
        )
        with transaction.atomic(), connection.cursor() as cur:
            if parsed.groups:
                # The planner estimates a common word's selectivity far too high and reads the
                # whole table, decompressing every row's tsvector to test it; the full-text index
                # (RUM: no recheck) is always the cheaper way to the matching rows.
                cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute(sql, [*score_params, *where_params, limit if query.with_hits else 0])
            result = cur.fetchall()
            ranked = {r[1]: float(r[2]) for r in result if r[0] == 0}
            counts = self._facet_counts([r[4:] for r in result if r[0] == 1])
            rows: list[dict[str, Any]] = []
            if ranked:
                cur.execute(
                    f"SELECT key, type, object_id, title, body, url, published_at, unit_name, doc_number, "  # noqa: S608
                    f"validity FROM {TABLE} WHERE key = ANY(%s)",
                    [list(ranked)],
                )
                names = [c[0] for c in cur.description]
                rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        for row in rows:
            row["score"] = ranked[row["key"]]
        total = sum(c for _, _, c in counts[FACET_NAMES[0]])  # every row has a type
        facet_names = FACET_NAMES if query.with_facets else FACET_NAMES[:1]
        facets = {name: label_facets(name, counts[name]) for name in facet_names} if total else {}
        if query.sort == "date":
            rows.sort(key=lambda r: (-(r["published_at"].timestamp() if r["published_at"] else 0), r["key"]))
        else:
            rows.sort(key=lambda r: order_key(float(r["score"]), r["published_at"], r["key"]))
        hits = [make_hit(r, float(r["score"]), parsed, query) for r in rows[start : start + query.page_size]]
        return SearchResults(total=total, hits=hits, facets=facets)

    @staticmethod
    def _facet_counts(rows: list[tuple[Any, ...]]) -> dict[str, list[tuple[str, str, int]]]:
        """``(facet columns…, max(unit_name), count, GROUPING bits)`` rows → counts per facet."""
        n = len(FACET_NAMES)
        counts: dict[str, list[tuple[str, str, int]]] = {name: [] for name in FACET_NAMES}
        for row in rows:
            grouping, count, unit_name = int(row[n + 2]), int(row[n + 1]), row[n]
            for i, name in enumerate(FACET_NAMES):
                if not grouping & (1 << (n - 1 - i)):  # bit clear: this set groups by column i
                    value = row[i]
                    label = str(unit_name or "") if name == "unit" else ""
                    counts[name].append(("" if value is None else str(value), label, count))
                    break
        return counts


def group_sql_for_tests(group: Group) -> str:
    """The tsquery of one group (exposed for tests and debugging)."""
    return _any_of(group.alternatives, _weights(group.regions))
