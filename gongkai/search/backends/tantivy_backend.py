"""The embedded backend: a tantivy index on disk under ``GONGKAI_SEARCH_INDEX_DIR``.

One writer: writes happen in the task worker or a management command (tantivy's own lock file
guards the directory across processes; a second writer gets :class:`SearchIndexBusy` with a Chinese
message). Readers reload on every search, so a commit is visible at once.

Scoring is the shared formula (``backends.common``): every match clause is a constant score (title
4, 主题词 2, body 1, unit 0.5; max over regions, summed over the query's words; +1000 for the exact
发文字号), multiplied by the entry's rank factor through ``weight_by_field``, which multiplies by
``log2(2 + max(w, 0))`` — never below 1 — so we store ``w = 2**(SCALE * factor) - 2`` and divide the
scores by ``SCALE`` (factors down to 1/SCALE stay exact).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import threading
import time
from collections import OrderedDict
from dataclasses import replace
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any, ClassVar

import tantivy

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
from gongkai.search.backends import SearchIndexBusy
from gongkai.search.backends.common import (
    FETCH_EXTRA,
    make_hit,
    published_ts,
    rank_factor,
    topic1,
)
from gongkai.search.backends.common import facet_values as label_facets
from gongkai.search.types import FacetValue, IndexEntry, SearchQuery, SearchResults

# v2: region fields as whitespace-joined bigrams with position fillers
# v3: bigram fields without positions (a one-token query is a term lookup) plus shingle fields with
#     positions for every longer phrase
SCHEMA_VERSION = "v3"
WRITER_HEAP_BYTES = 128_000_000
WRITER_THREADS = 2
WEIGHT_SCALE = 100.0
_UNIT_SEP = "\x1f"
# Region fields are written as whitespace-joined tokens (far cheaper than one tantivy.Token object per
# bigram); an empty position (between title and 发文字号, or a token over the per-token cap) becomes
# this filler, which no query can produce (normalise drops control characters), so phrase positions
# stay exactly those of analysis.entry_regions.
_TOKENIZER = "gk_ws"
_FILLER = "\x01"
# Shingles: two tokens at consecutive positions joined by "_" (which no token contains: a token is a
# Han bigram/character or a run of letters and digits), indexed at the first one's position. A phrase
# of tokens t0…tn (n ≥ 1) matches exactly where the shingles t0_t1, t2_t3, …, and t(n-1)_tn match at
# their offsets: each shingle pins two tokens at their positions, and together they cover every token.
# The shingles are far rarer than bigrams such as 公开 (in almost every document, up to 256 positions
# each), so a phrase reads few positions; a three-character word is a single shingle: a term lookup.
_SHINGLE_SEP = "_"
# The total and the facets of a query (its text and filters, not its page or order) are kept for a
# short while per index generation: paging or re-sorting does not count and aggregate again, and a
# commit changes the generation, so a cached count is never stale.
# Title tier (see TantivyBackend._title_tier): tried when a query matches at least this many entries
# (below that, ranking every match is cheap); the margin keeps float rounding from deciding.
TIER_MIN_TOTAL = 2_000
TIER_MARGIN = 1e-4
COUNT_CACHE_SIZE = 512
COUNT_CACHE_SECONDS = 60.0
_FACET_SPEC: dict[str, Any] = {
    "type": {"terms": {"field": "type", "size": 50}},
    "unit": {"terms": {"field": "unit_facet", "size": 200}},
    "year": {"terms": {"field": "year", "size": 200}},
    "topic": {"terms": {"field": "topic1", "size": 50}},
    "validity": {"terms": {"field": "validity", "size": 20}},
}
_COUNT_SPEC: dict[str, Any] = {"type": _FACET_SPEC["type"]}


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("type", stored=True, tokenizer_name="raw", fast=True)
    sb.add_integer_field("object_id", stored=True, indexed=True, fast=True)
    sb.add_bytes_field("payload", stored=True, indexed=False)
    for region in ALL_REGIONS:
        sb.add_text_field(f"g_{region}", stored=False, tokenizer_name=_TOKENIZER, index_option="freq")
        sb.add_text_field(f"s_{region}", stored=False, tokenizer_name=_TOKENIZER, index_option="position")
    sb.add_text_field("doc_number", stored=False, tokenizer_name="raw")
    sb.add_text_field("unit_code", stored=False, tokenizer_name="raw")
    sb.add_text_field("unit_facet", stored=False, tokenizer_name="raw", fast=True)
    sb.add_integer_field("year", stored=False, indexed=True, fast=True)
    sb.add_text_field("topic", stored=False, tokenizer_name="raw")
    sb.add_text_field("topic1", stored=False, tokenizer_name="raw", fast=True)
    sb.add_text_field("genre", stored=False, tokenizer_name="raw")
    sb.add_text_field("validity", stored=False, tokenizer_name="raw", fast=True)
    sb.add_integer_field("published_ts", stored=False, indexed=True, fast=True)
    sb.add_float_field("weight", stored=False, indexed=False, fast=True)
    return sb.build()


def _payload(entry: IndexEntry) -> bytes:
    data = {
        "key": entry.key,
        "type": entry.type,
        "object_id": entry.object_id,
        "title": entry.title,
        "body": entry.body,
        "url": entry.url,
        "published_at": entry.published_at.isoformat() if entry.published_at else None,
        "unit_name": entry.unit_name,
        "doc_number": entry.doc_number,
        "validity": entry.validity,
    }
    return json.dumps(data, ensure_ascii=False).encode()


def _positioned_text(tokens: list[tuple[int, str]]) -> str:
    """Tokens (ascending positions) as one whitespace-separated string, gaps filled with _FILLER."""
    first, last = tokens[0][0], tokens[-1][0]
    if last - first == len(tokens) - 1:  # no gaps: the usual case for a body
        return " ".join(map(itemgetter(1), tokens))
    out: list[str] = []
    expected = first
    for pos, tok in tokens:
        if pos > expected:
            out.extend([_FILLER] * (pos - expected))
        out.append(tok)
        expected = pos + 1
    return " ".join(out)


def _shingles(tokens: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``(p, a_b)`` for every pair of tokens at consecutive positions ``p``, ``p + 1``."""
    return [(p, f"{a}{_SHINGLE_SEP}{b}") for (p, a), (q, b) in pairwise(tokens) if q == p + 1]


def _shingle_text(tokens: list[tuple[int, str]]) -> str:
    """The shingles of ``tokens`` as a whitespace-joined field value (gaps filled as usual)."""
    if tokens[-1][0] - tokens[0][0] == len(tokens) - 1:  # no gaps: the usual case
        words = [t for _, t in tokens]
        return " ".join(map(_SHINGLE_SEP.join, pairwise(words)))
    shingles = _shingles(tokens)
    return _positioned_text(shingles) if shingles else ""


def _shingle_phrase(tokens: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The shingles (with offsets) that match exactly where the phrase ``tokens`` (consecutive
    positions from 0, at least two) matches: pairs starting at 0, 2, 4, … and the last pair."""
    pairs = _shingles(tokens)
    picked = pairs[::2]
    if picked[-1] != pairs[-1]:
        picked.append(pairs[-1])
    return picked


def _row(payload: bytes) -> dict[str, Any]:
    row: dict[str, Any] = json.loads(payload)
    row["published_at"] = dt.datetime.fromisoformat(row["published_at"]) if row["published_at"] else None
    return row


class TantivyBackend:
    name = "tantivy"
    _instances: ClassVar[dict[Path, TantivyBackend]] = {}
    _instances_lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def for_path(cls, path: Path) -> TantivyBackend:
        path = Path(path).resolve()
        with cls._instances_lock:
            if path not in cls._instances:
                cls._instances[path] = cls(path)
            return cls._instances[path]

    def __init__(self, path: Path) -> None:
        self.path = path / SCHEMA_VERSION
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        self.index.register_tokenizer(
            _TOKENIZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
        )
        self._writer: tantivy.IndexWriter | None = None
        self._write_lock = threading.RLock()
        self._meta_file = self.path / "meta.json"
        self._generation: bytes | None = None
        self._reload_lock = threading.Lock()
        self._counts: OrderedDict[tuple[Any, ...], tuple[float, int, dict[str, list[FacetValue]]]]
        self._counts = OrderedDict()
        self._counts_lock = threading.Lock()
        self._max_factor_cache: tuple[bytes, float] | None = None

    # --- writing -------------------------------------------------------------------------------

    def _get_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self.index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=WRITER_THREADS)
            except ValueError as exc:
                if "LockBusy" in str(exc) or "lock" in str(exc).lower():
                    raise SearchIndexBusy(
                        "检索索引正由另一个进程写入（后台任务或重建命令），同一时间只允许一个写入者，请稍后再试。"
                    ) from exc
                raise
        return self._writer

    def _document(self, entry: IndexEntry) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("key", entry.key)
        doc.add_text("type", entry.type)
        doc.add_integer("object_id", int(entry.object_id))
        doc.add_bytes("payload", _payload(entry))
        regions = entry_regions(
            title=entry.title,
            doc_number=entry.doc_number,
            keywords=entry.keywords,
            body=entry.body,
            unit_name=entry.unit_name,
        )
        for region, tokens in regions.items():
            if tokens:
                doc.add_text(f"g_{region}", " ".join(map(itemgetter(1), tokens)))
                shingle_text = _shingle_text(tokens) if len(tokens) > 1 else ""
                if shingle_text:
                    doc.add_text(f"s_{region}", shingle_text)
        doc.add_text("doc_number", entry.doc_number)
        doc.add_text("unit_code", entry.unit_code)
        doc.add_text(
            "unit_facet", f"{entry.unit_code}{_UNIT_SEP}{entry.unit_name}" if entry.unit_code else ""
        )
        doc.add_integer("year", entry.year or 0)
        doc.add_text("topic", entry.topic)
        doc.add_text("topic1", topic1(entry.topic))
        doc.add_text("genre", entry.genre)
        doc.add_text("validity", entry.validity)
        doc.add_integer("published_ts", published_ts(entry.published_at))
        doc.add_float("weight", 2.0 ** (WEIGHT_SCALE * rank_factor(entry)) - 2.0)
        return doc

    def upsert(self, entries: list[IndexEntry]) -> None:
        if not entries:
            return
        with self._write_lock:
            writer = self._get_writer()
            for entry in entries:
                writer.delete_documents_by_term("key", entry.key)
                writer.add_document(self._document(entry))

    def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        with self._write_lock:
            writer = self._get_writer()
            for key in keys:
                writer.delete_documents_by_term("key", key)

    def delete_type(self, type_name: str) -> None:
        with self._write_lock:
            self._get_writer().delete_documents_by_term("type", type_name)

    def clear(self) -> None:
        with self._write_lock:
            self._get_writer().delete_all_documents()

    def commit(self) -> None:
        """Commit pending writes, wait for merges and release the writer (and its lock)."""
        with self._write_lock:
            writer, self._writer = self._writer, None
            if writer is None:
                return
            writer.commit()
            writer.wait_merging_threads()
            self.index.reload()
            self._generation = None

    def rollback(self) -> None:
        with self._write_lock:
            writer, self._writer = self._writer, None
            if writer is not None:
                writer.rollback()

    # --- reading -------------------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        """A searcher on the latest commit. Every commit rewrites ``meta.json`` (atomically, with a
        new opstamp), so the index is reloaded only when that small file's content changed."""
        self._current_generation()
        return self.index.searcher()

    def _current_generation(self) -> bytes:
        try:
            generation = hashlib.blake2b(self._meta_file.read_bytes(), digest_size=16).digest()
        except OSError:
            generation = b""
        with self._reload_lock:
            if generation != self._generation:
                self.index.reload()
                self._generation = generation
        return generation

    def keys(self) -> set[str]:
        searcher = self._searcher()
        if searcher.num_docs == 0:
            return set()
        agg = searcher.aggregate(tantivy.Query.all_query(), {"t": {"terms": {"field": "type", "size": 1000}}})
        out: set[str] = set()
        for bucket in agg["t"]["buckets"]:
            type_name = str(bucket["key"])
            q = tantivy.Query.term_query(self.schema, "type", type_name)
            hits = searcher.search(q, limit=max(1, searcher.num_docs), count=False).hits
            ids = searcher.fast_field_values("object_id", [addr for _, addr in hits])
            out.update(f"{type_name}:{int(i)}" for i in ids if i is not None)
        return out

    def _phrase(self, region: str, text: str) -> tantivy.Query | None:
        """``text`` as a phrase in ``region``: one token is a term lookup in the bigram field; longer
        phrases are shingle lookups (a term for two tokens, a short phrase beyond)."""
        tokens = query_grams(text)
        if not tokens:
            return None
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, f"g_{region}", tokens[0][1])
        shingles = _shingle_phrase(tokens)
        if len(shingles) == 1:
            return tantivy.Query.term_query(self.schema, f"s_{region}", shingles[0][1])
        return tantivy.Query.phrase_query(self.schema, f"s_{region}", list[str | tuple[int, str]](shingles))

    def _any_of(self, region: str, alternatives: tuple[str, ...] | list[str]) -> tantivy.Query | None:
        phrases = (self._phrase(region, a) for a in match_alternatives(alternatives))
        queries = [q for q in phrases if q is not None]
        if not queries:
            return None
        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])

    def _group(self, group: Group) -> tantivy.Query | None:
        parts = []
        for region in group.regions:
            q = self._any_of(region, group.alternatives)
            if q is not None:
                parts.append(tantivy.Query.const_score_query(q, REGION_SCORES[region]))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else tantivy.Query.disjunction_max_query(parts, 0.0)

    def _filter(self, q: tantivy.Query) -> tuple[tantivy.Occur, tantivy.Query]:
        return (tantivy.Occur.Must, tantivy.Query.const_score_query(q, 0.0))

    def _build(self, query: SearchQuery, parsed: ParsedQuery) -> tantivy.Query:
        Q, Occur, s = tantivy.Query, tantivy.Occur, self.schema
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for group in parsed.groups:
            gq = self._group(group)
            if gq is not None:
                clauses.append((Occur.Must, gq))
        for text in parsed.excluded:
            parts = [q for q in (self._phrase(r, text) for r in ALL_REGIONS) if q is not None]
            if parts:
                clauses.append((Occur.MustNot, Q.boolean_query([(Occur.Should, p) for p in parts])))
        text_q: tantivy.Query
        if any(o == Occur.Must for o, _ in clauses):
            text_q = Q.boolean_query(clauses)
        else:
            text_q = Q.boolean_query([(Occur.Must, Q.const_score_query(Q.all_query(), 0.0)), *clauses])
        if parsed.doc_number:
            number_q = Q.const_score_query(Q.term_query(s, "doc_number", parsed.doc_number), DOC_NUMBER_SCORE)
            core = Q.boolean_query([(Occur.Should, text_q), (Occur.Should, number_q)])
        else:
            core = text_q
        top: list[tuple[tantivy.Occur, tantivy.Query]] = [(Occur.Must, core)]
        if parsed.doc_number_filter:
            top.append(self._filter(Q.term_query(s, "doc_number", parsed.doc_number_filter)))
        if query.types:
            top.append(self._filter(Q.term_set_query(s, "type", list(query.types))))
        if query.unit_code:
            top.append(self._filter(Q.term_query(s, "unit_code", query.unit_code)))
        if query.year:
            top.append(self._filter(Q.term_query(s, "year", int(query.year))))
        if query.topic:
            top.append(
                self._filter(Q.term_query(s, "topic1" if len(query.topic) == 2 else "topic", query.topic))
            )
        if query.genre:
            top.append(self._filter(Q.term_query(s, "genre", query.genre)))
        if query.validity:
            top.append(self._filter(Q.term_query(s, "validity", query.validity)))
        return Q.boolean_query(top)

    @staticmethod
    def _count_key(query: SearchQuery, parsed: ParsedQuery, generation: bytes) -> tuple[Any, ...]:
        groups = tuple((g.alternatives, g.regions) for g in parsed.groups)
        return (
            generation,
            groups,
            tuple(parsed.excluded),
            parsed.doc_number,
            parsed.doc_number_filter,
            query.types,
            query.unit_code,
            query.year,
            query.topic,
            query.genre,
            query.validity,
            query.with_facets,
        )

    def _counts_for(
        self, searcher: tantivy.Searcher, q: tantivy.Query, key: tuple[Any, ...], with_facets: bool
    ) -> tuple[int, dict[str, list[FacetValue]]]:
        """The exact total and the facets (only "type" unless ``with_facets``), from one aggregation
        pass (no scoring): every entry has a type, so the type buckets add up to the total."""
        now = time.monotonic()
        with self._counts_lock:
            cached = self._counts.get(key)
            if cached is not None and now - cached[0] < COUNT_CACHE_SECONDS:
                self._counts.move_to_end(key)
                return cached[1], cached[2]
        agg = searcher.aggregate(q, _FACET_SPEC if with_facets else _COUNT_SPEC)
        types = agg.get("type", {})
        total = sum(int(b["doc_count"]) for b in types.get("buckets", []))
        total += int(types.get("sum_other_doc_count", 0) or 0)
        facets = self._facet_values(agg) if total else {}
        with self._counts_lock:
            self._counts[key] = (now, total, facets)
            self._counts.move_to_end(key)
            while len(self._counts) > COUNT_CACHE_SIZE:
                self._counts.popitem(last=False)
        return total, facets

    def search(self, query: SearchQuery, parsed: ParsedQuery | None = None) -> SearchResults:
        from gongkai.search.services import parse_for_search

        parsed = parsed or parse_for_search(query.text)
        if parsed.is_empty:
            return SearchResults(total=0, hits=[])
        generation = self._current_generation()
        searcher = self.index.searcher()
        q = self._build(query, parsed)
        key = self._count_key(query, parsed, generation)
        total, facets = self._counts_for(searcher, q, key, query.with_facets)
        start = (query.page - 1) * query.page_size
        if not query.with_hits or total <= start:  # nothing on this page: no ranking pass
            return SearchResults(total=total, hits=[], facets=facets)
        limit = start + query.page_size + FETCH_EXTRA
        if query.sort == "date":
            result = searcher.search(
                q, limit=limit, count=False, order_by_field="published_ts", order=tantivy.Order.Desc
            )
            ranked = [(0.0, addr) for _, addr in result.hits]
        else:
            tier = self._title_tier(searcher, query, parsed, limit, total, generation)
            if tier is not None:
                ranked = tier
            else:
                result = searcher.search(q, limit=limit, count=False, weight_by_field="weight")
                ranked = [(float(score) / WEIGHT_SCALE, addr) for score, addr in result.hits]
        # Order by what the fast fields hold (score, date); read stored documents only for the page and
        # for entries tied with its first or last one (the key breaks those ties).
        addrs = [addr for _, addr in ranked]
        ts = searcher.fast_field_values("published_ts", addrs)
        order = [
            (-float(f"{score:.6g}"), -int(t or 0), score, addr)
            for (score, addr), t in zip(ranked, ts, strict=True)
        ]
        order.sort(key=itemgetter(0, 1))
        end = min(len(order), start + query.page_size)
        if start >= end:
            return SearchResults(total=total, hits=[], facets=facets)
        lo, hi = start, end
        while lo > 0 and order[lo - 1][:2] == order[start][:2]:
            lo -= 1
        while hi < len(order) and order[hi][:2] == order[end - 1][:2]:
            hi += 1
        rows = [(o[0], o[1], _row(searcher.doc(o[3])["payload"][0]), o[2]) for o in order[lo:hi]]
        rows.sort(key=lambda r: (r[0], r[1], r[2]["key"]))
        hits = [make_hit(row, score, parsed, query) for _, _, row, score in rows[start - lo : end - lo]]
        return SearchResults(total=total, hits=hits, facets=facets)

    def _max_factor(self, searcher: tantivy.Searcher, generation: bytes) -> float:
        """The largest rank factor in the index (kept per index generation)."""
        if self._max_factor_cache is None or self._max_factor_cache[0] != generation:
            agg = searcher.aggregate(tantivy.Query.all_query(), {"w": {"max": {"field": "weight"}}})
            weight = agg.get("w", {}).get("value")
            factor = math.log2(2.0 + max(float(weight), 0.0)) / WEIGHT_SCALE if weight is not None else 0.0
            self._max_factor_cache = (generation, factor)
        return self._max_factor_cache[1]

    def _title_tier(
        self,
        searcher: tantivy.Searcher,
        query: SearchQuery,
        parsed: ParsedQuery,
        limit: int,
        total: int,
        generation: bytes,
    ) -> list[tuple[float, tantivy.DocAddress]] | None:
        """The top ``limit`` by score from the entries that match every word in the title, when that
        provably is the top of the whole query — else None (rank everything).

        A word scores at most 4 (title); an entry that misses the title for some word scores at most
        ``(4·(n−1) + 2)·f_max`` (n words, f_max the largest rank factor). When the title tier alone
        has ``limit`` entries scoring above that bound, no other entry can reach the page, so ranking
        the few title matches replaces ranking every match (a common word matches a third of a
        million entries, its title matches a small fraction of that)."""
        n = len(parsed.groups)
        if total < TIER_MIN_TOTAL or parsed.doc_number or not n:
            return None
        if any("A" not in g.regions for g in parsed.groups):
            return None
        title_only = replace(parsed, groups=[replace(g, regions=("A",)) for g in parsed.groups])
        result = searcher.search(
            self._build(query, title_only), limit=limit, count=False, weight_by_field="weight"
        )
        if len(result.hits) < limit:
            return None
        ranked = [(float(score) / WEIGHT_SCALE, addr) for score, addr in result.hits]
        bound = (REGION_SCORES["A"] * (n - 1) + REGION_SCORES["B"]) * self._max_factor(searcher, generation)
        if min(score for score, _ in ranked) <= bound * (1.0 + TIER_MARGIN):
            return None
        return ranked

    @staticmethod
    def _facet_values(agg: dict[str, Any]) -> dict[str, list[FacetValue]]:
        out: dict[str, list[FacetValue]] = {}
        for name in _FACET_SPEC:
            if name not in agg:
                continue
            counts: list[tuple[str, str, int]] = []
            for bucket in agg.get(name, {}).get("buckets", []):
                key, count = bucket["key"], int(bucket["doc_count"])
                if name == "unit":
                    code, _, label = str(key).partition(_UNIT_SEP)
                    counts.append((code, label, count))
                elif name == "year":
                    year = int(key)
                    counts.append((str(year) if year else "", "", count))
                else:
                    counts.append((str(key), "", count))
            out[name] = label_facets(name, counts)
        return out
