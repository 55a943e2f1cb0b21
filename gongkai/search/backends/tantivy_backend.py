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
import json
import threading
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
    query_grams,
)
from gongkai.search.backends import SearchIndexBusy
from gongkai.search.backends.common import (
    FETCH_EXTRA,
    make_hit,
    order_key,
    published_ts,
    rank_factor,
    topic1,
)
from gongkai.search.backends.common import facet_values as label_facets
from gongkai.search.types import FacetValue, IndexEntry, SearchQuery, SearchResults

SCHEMA_VERSION = "v2"  # v2: region fields as whitespace-joined bigrams with position fillers
WRITER_HEAP_BYTES = 64_000_000
WEIGHT_SCALE = 100.0
_UNIT_SEP = "\x1f"
# Region fields are written as whitespace-joined tokens (far cheaper than one tantivy.Token object per
# bigram); an empty position (between title and 发文字号, or a token over the per-token cap) becomes
# this filler, which no query can produce (normalise drops control characters), so phrase positions
# stay exactly those of analysis.entry_regions.
_TOKENIZER = "gk_ws"
_FILLER = "\x01"


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("type", stored=True, tokenizer_name="raw", fast=True)
    sb.add_integer_field("object_id", stored=True, indexed=True, fast=True)
    sb.add_bytes_field("payload", stored=True, indexed=False)
    for region in ALL_REGIONS:
        sb.add_text_field(f"g_{region}", stored=False, tokenizer_name=_TOKENIZER, index_option="position")
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

    # --- writing -------------------------------------------------------------------------------

    def _get_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self.index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
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
                doc.add_text(f"g_{region}", _positioned_text(tokens))
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

    def rollback(self) -> None:
        with self._write_lock:
            writer, self._writer = self._writer, None
            if writer is not None:
                writer.rollback()

    # --- reading -------------------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        self.index.reload()
        return self.index.searcher()

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

    def _phrase(self, field: str, text: str) -> tantivy.Query | None:
        tokens = query_grams(text)
        if not tokens:
            return None
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, field, tokens[0][1])
        return tantivy.Query.phrase_query(self.schema, field, [(p, t) for p, t in tokens])

    def _any_of(self, field: str, alternatives: tuple[str, ...] | list[str]) -> tantivy.Query | None:
        queries = [q for q in (self._phrase(field, a) for a in alternatives) if q is not None]
        if not queries:
            return None
        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])

    def _group(self, group: Group) -> tantivy.Query | None:
        parts = []
        for region in group.regions:
            q = self._any_of(f"g_{region}", group.alternatives)
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
            parts = [q for q in (self._phrase(f"g_{r}", text) for r in ALL_REGIONS) if q is not None]
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

    def search(self, query: SearchQuery, parsed: ParsedQuery | None = None) -> SearchResults:
        from gongkai.search.services import parse_for_search

        parsed = parsed or parse_for_search(query.text)
        if parsed.is_empty:
            return SearchResults(total=0, hits=[])
        searcher = self._searcher()
        q = self._build(query, parsed)
        start = (query.page - 1) * query.page_size
        limit = start + query.page_size + FETCH_EXTRA
        rows: list[tuple[float, dict[str, Any]]] = []
        if query.sort == "date":
            result = searcher.search(q, limit=limit, order_by_field="published_ts", order=tantivy.Order.Desc)
            for _, addr in result.hits:
                rows.append((0.0, _row(searcher.doc(addr)["payload"][0])))
            rows.sort(key=lambda r: (-published_ts(r[1]["published_at"]), r[1]["key"]))
        else:
            result = searcher.search(q, limit=limit, weight_by_field="weight")
            for score, addr in result.hits:
                rows.append((float(score) / WEIGHT_SCALE, _row(searcher.doc(addr)["payload"][0])))
            rows.sort(key=lambda r: order_key(r[0], r[1]["published_at"], r[1]["key"]))
        total = int(getattr(result, "count", 0) or 0)
        hits = [make_hit(row, score, parsed, query) for score, row in rows[start : start + query.page_size]]
        facets = self._facets(searcher, q) if query.with_facets and total else {}
        return SearchResults(total=total, hits=hits, facets=facets)

    def _facets(self, searcher: tantivy.Searcher, q: tantivy.Query) -> dict[str, list[FacetValue]]:
        spec = {
            "type": {"terms": {"field": "type", "size": 50}},
            "unit": {"terms": {"field": "unit_facet", "size": 200}},
            "year": {"terms": {"field": "year", "size": 200}},
            "topic": {"terms": {"field": "topic1", "size": 50}},
            "validity": {"terms": {"field": "validity", "size": 20}},
        }
        agg = searcher.aggregate(q, spec)
        out: dict[str, list[FacetValue]] = {}
        for name in spec:
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
