"""Run the judged queries against a backend holding an evaluation corpus; nDCG@10 and recall@10.

The corpus (JSON lines, optionally gzipped: ``{"id", "title", "text", "date"?}``) is indexed as
entries of the test-only type :data:`EVAL_TYPE` (no content type is registered): into a throw-away
tantivy folder, or into the PostgreSQL table inside a transaction that is rolled back. Queries go
through ``services.search`` (same validation, parsing and synonyms as the portal), restricted to
that type.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.search.relevance.judgements import JUDGEMENTS, Judged
from gongkai.search.relevance.metrics import ndcg_at_k, recall_at_k
from gongkai.search.types import IndexEntry, SearchBackend, SearchQuery

EVAL_TYPE = "releval"
K = 10
DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[3].parent / "shared/eval/corpus/lawrefbook_laws.dev.jsonl.gz"
)
_MD_RE = re.compile(r"^#+\s*", re.MULTILINE)


def read_corpus(path: Path | str) -> list[dict[str, Any]]:
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        return [json.loads(line) for line in f if line.strip()]


def corpus_entries(records: Iterable[dict[str, Any]]) -> list[IndexEntry]:
    entries = []
    for n, r in enumerate(records, start=1):
        published = None
        date = str(r.get("date") or "")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            published = dt.datetime.fromisoformat(date).replace(tzinfo=dt.UTC)
        entries.append(
            IndexEntry(
                key=f"{EVAL_TYPE}:{n}",
                type=EVAL_TYPE,
                object_id=n,
                title=str(r["title"]),
                body=_MD_RE.sub("", str(r.get("text", ""))),
                url=f"/eval/{r.get('id', n)}",
                published_at=published,
                year=published.year if published else None,
            )
        )
    return entries


@dataclass
class QueryResult:
    query: str
    ndcg: float
    recall: float
    top: list[str]  # titles of the first K hits


@dataclass
class Report:
    backend: str
    results: list[QueryResult]

    @property
    def ndcg(self) -> float:
        return sum(r.ndcg for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def recall(self) -> float:
        return sum(r.recall for r in self.results) / len(self.results) if self.results else 0.0


def evaluate(
    backend: SearchBackend, titles_by_key: dict[str, str], judgements: Sequence[Judged] = JUDGEMENTS
) -> Report:
    """Query an index that already holds the corpus; ``titles_by_key`` maps index keys to titles."""
    from gongkai.search.services import search

    results = []
    title_count: dict[str, int] = {}
    for t in titles_by_key.values():
        title_count[t] = title_count.get(t, 0) + 1
    for judged in judgements:
        res = search(
            SearchQuery(text=judged.query, types=(EVAL_TYPE,), page_size=K, with_facets=False),
            backend=backend,
        )
        top_titles = [titles_by_key.get(h.key, h.title) for h in res.hits[:K]]
        ranked = [judged.relevant.get(t, 0) for t in top_titles]
        # Every copy of a judged title in the corpus is a relevant item (titles can repeat).
        all_grades = [g for t, g in judged.relevant.items() for _ in range(title_count.get(t, 0))]
        relevant_keys = {k: judged.relevant[t] for k, t in titles_by_key.items() if t in judged.relevant}
        results.append(
            QueryResult(
                query=judged.query,
                ndcg=ndcg_at_k(ranked, all_grades, K),
                recall=recall_at_k([h.key for h in res.hits[:K]], relevant_keys, K),
                top=top_titles,
            )
        )
    return Report(backend=getattr(backend, "name", "?"), results=results)


@contextmanager
def eval_index(backend_name: str, entries: list[IndexEntry]) -> Iterator[SearchBackend]:
    """A backend holding ``entries`` for the duration of the block, then discarded."""
    if backend_name == "tantivy":
        from gongkai.search.backends.tantivy_backend import TantivyBackend

        with tempfile.TemporaryDirectory(prefix="gongkai-releval-") as tmp:
            embedded = TantivyBackend(Path(tmp))
            embedded.upsert(entries)
            embedded.commit()
            yield embedded
        return
    from django.db import transaction

    from gongkai.search.backends import get_backend

    with transaction.atomic():
        backend = get_backend("postgres")
        for i in range(0, len(entries), 500):
            backend.upsert(entries[i : i + 500])
        try:
            yield backend
        finally:
            transaction.set_rollback(True)


def run(backend_name: str, corpus: Path | str, judgements: Sequence[Judged] = JUDGEMENTS) -> Report:
    entries = corpus_entries(read_corpus(corpus))
    titles = {e.key: e.title for e in entries}
    with eval_index(backend_name, entries) as backend:
        return evaluate(backend, titles, judgements)
