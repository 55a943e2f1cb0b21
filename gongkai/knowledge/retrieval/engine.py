"""The retriever: lexical BM25 fields fused with an optional learned similarity, calibrated.

How a question is answered (:meth:`Retriever.search`):

1. The question is normalised and analysed (:mod:`.text`); terms of the synonym table found in it
   add their alternatives' tokens at a reduced weight (:mod:`.synonyms`).
2. **Lexical score** of each passage: BM25 over each of its questions (and title) separately —
   words, character bigrams, characters — taking the best question, plus BM25 over the answer
   (words and bigrams) at a lower weight. Question fields outweigh the answer because a matching
   question is the strongest evidence there is.
3. **Dense score** (when an :class:`~.dense.Embedder` is configured): cosine of the question's vector
   with each knowledge-base question's vector and with the answer's vector, the best of them.
4. **Fusion**: the lexical score divided by the best lexical score of this search (so 1.0 is the
   top lexical hit, whatever the question's length) plus the dense cosine's standard score within
   this search, weighted (:class:`Weights`). Both parts are needed: lexical matching is exact about names and
   numbers (12345, 公积金), the model about wording (娃上学 / 子女入学).
5. **Confidence** of each of the top ``k``: a logistic function of the fused score and its margin
   over the next passage (:mod:`.calibration`), fitted on the development data.

The index is rebuilt lazily after :meth:`~Retriever.add` / :meth:`~Retriever.remove`: analysing and
embedding happen once per passage and are kept; re-indexing 20,000 entries' tokens takes seconds.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gongkai.knowledge.retrieval import calibration, text
from gongkai.knowledge.retrieval.dense import CachedEmbedder, Embedder, EmbedderError
from gongkai.knowledge.retrieval.lexical import Field
from gongkai.knowledge.retrieval.synonyms import EXPANSION_WEIGHT, SynonymTable, default_table
from gongkai.knowledge.retrieval.types import Match, Passage

FloatArray = npt.NDArray[np.float32]
MAX_K = 100
QUESTION_CACHE_SIZE = 1024
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Weights:
    """Relative weights of the score parts (chosen on the development data, see bench/qa/README.md)."""

    q_words: float = 1.0
    q_bigrams: float = 1.0
    q_chars: float = 0.3
    # The answer counts half as much as a question; within it bigrams count double, because official
    # answers word things differently from the public and bigrams survive that better than words.
    a_words: float = 0.5
    a_bigrams: float = 1.0
    a_chars: float = 0.0
    # Per standard deviation of the dense cosine above its mean (see fuse()).
    dense: float = 0.4


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class _Analysed:
    """A passage's analysed texts: one per question (and title), and the answer."""

    units: tuple[text.Analysed, ...]
    answer: text.Analysed


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ranked passage with the features of its confidence (see :mod:`.calibration`)."""

    passage_id: str
    score: float
    margin: float
    coverage: float
    dense: float
    confidence: float


@dataclass(frozen=True, slots=True)
class Components:
    """The score parts of every passage for one question (for fusion, calibration and benches)."""

    lexical: FloatArray
    dense: FloatArray | None


class Retriever:
    """Search a set of :class:`Passage` for the ones that answer a question.

    ``embedder`` adds learned similarity (``None``: lexical only). ``synonyms`` replaces the built-in
    table (pass a :class:`SynonymTable` built with extra groups to add the office's own).
    """

    def __init__(
        self,
        passages: Iterable[Passage] = (),
        *,
        embedder: Embedder | None = None,
        synonyms: SynonymTable | None = None,
        weights: Weights = DEFAULT_WEIGHTS,
    ) -> None:
        self.embedder = embedder
        self.synonyms = synonyms or default_table()
        self.weights = weights
        text.add_words(self.synonyms.terms)
        self._lock = threading.RLock()
        self._passages: dict[str, Passage] = {}
        self._analysed: dict[str, _Analysed] = {}
        self._unit_vectors: dict[str, FloatArray] = {}
        self._answer_vectors: dict[str, FloatArray] = {}
        self._question_vectors: OrderedDict[str, FloatArray] = OrderedDict()
        self._stale = True
        self.add(passages)

    @classmethod
    def build(
        cls,
        passages: Iterable[Passage],
        *,
        embedder: Embedder | None = None,
        synonyms: SynonymTable | None = None,
        weights: Weights = DEFAULT_WEIGHTS,
    ) -> Retriever:
        """A retriever over ``passages``, indexed now rather than at the first search."""
        retriever = cls(passages, embedder=embedder, synonyms=synonyms, weights=weights)
        retriever.refresh()
        return retriever

    # --- the knowledge base -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._passages)

    def __contains__(self, passage_id: object) -> bool:
        return passage_id in self._passages

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id (``KeyError`` if there is none)."""
        return self._passages[passage_id]

    @staticmethod
    def _unit_texts(passage: Passage) -> list[str]:
        units = [q for q in passage.questions if q and q.strip()]
        if passage.title.strip():
            units.append(passage.title)
        return units

    def add(self, passages: Iterable[Passage]) -> None:
        """Add or replace passages (by id); analysis and embedding happen here, indexing lazily."""
        fresh = [p for p in passages if self._passages.get(p.id) != p]
        if not fresh:
            return
        analysed = {
            p.id: _Analysed(
                units=tuple(text.analyse(u, limit=text.MAX_QUERY_CHARS) for u in self._unit_texts(p)),
                answer=text.analyse(p.answer, limit=text.MAX_ANSWER_CHARS),
            )
            for p in fresh
        }
        unit_vectors: dict[str, list[FloatArray]] = {}
        answer_vectors: dict[str, FloatArray] = {}
        if self.embedder is not None:
            unit_texts = [(p.id, u) for p in fresh for u in self._unit_texts(p)]
            if unit_texts:
                encode = (
                    self.embedder.embed_index_queries
                    if isinstance(self.embedder, CachedEmbedder)
                    else self.embedder.embed_queries
                )
                vectors = encode([u for _, u in unit_texts])
                for i, (pid, _) in enumerate(unit_texts):
                    unit_vectors.setdefault(pid, []).append(vectors[i])
            with_answer = [p for p in fresh if p.answer.strip()]
            if with_answer:
                vectors = self.embedder.embed_passages([p.answer for p in with_answer])
                answer_vectors = {p.id: vectors[i] for i, p in enumerate(with_answer)}
        with self._lock:
            for p in fresh:
                self._passages[p.id] = p
                self._analysed[p.id] = analysed[p.id]
                self._unit_vectors.pop(p.id, None)
                self._answer_vectors.pop(p.id, None)
                if p.id in unit_vectors:
                    self._unit_vectors[p.id] = np.vstack(unit_vectors[p.id])
                if p.id in answer_vectors:
                    self._answer_vectors[p.id] = answer_vectors[p.id]
            self._stale = True

    def remove(self, passage_ids: Iterable[str]) -> None:
        """Remove passages by id (unknown ids are ignored)."""
        with self._lock:
            for pid in passage_ids:
                if self._passages.pop(pid, None) is not None:
                    self._analysed.pop(pid, None)
                    self._unit_vectors.pop(pid, None)
                    self._answer_vectors.pop(pid, None)
                    self._stale = True

    def refresh(self) -> None:
        """(Re)build the index now if passages changed since the last build."""
        with self._lock:
            if not self._stale:
                return
            ids = list(self._passages)
            unit_owner: list[int] = []
            units: list[text.Analysed] = []
            for i, pid in enumerate(ids):
                for unit in self._analysed[pid].units:
                    unit_owner.append(i)
                    units.append(unit)
            answers = [self._analysed[pid].answer for pid in ids]
            self._ids = ids
            self._bigram_sets = [
                frozenset(
                    b
                    for part in (*self._analysed[pid].units, self._analysed[pid].answer)
                    for b in part.bigrams
                )
                for pid in ids
            ]
            self._unit_owner = np.asarray(unit_owner, dtype=np.int64)
            self._q_words = Field([u.words for u in units])
            self._q_bigrams = Field([u.bigrams for u in units])
            self._q_chars = Field([u.chars for u in units])
            self._a_words = Field([a.words for a in answers])
            self._a_bigrams = Field([a.bigrams for a in answers])
            self._a_chars = Field([a.chars for a in answers]) if self.weights.a_chars else None
            self._build_dense(ids)
            self._stale = False

    def _build_dense(self, ids: list[str]) -> None:
        self._dense_units: FloatArray | None = None
        self._dense_unit_owner = np.zeros(0, dtype=np.int64)
        self._dense_answers: FloatArray | None = None
        self._dense_answer_owner = np.zeros(0, dtype=np.int64)
        if self.embedder is None:
            return
        unit_rows = [(i, self._unit_vectors[pid]) for i, pid in enumerate(ids) if pid in self._unit_vectors]
        if unit_rows:
            self._dense_units = np.vstack([m for _, m in unit_rows]).astype(np.float32)
            self._dense_unit_owner = np.concatenate(
                [np.full(len(m), i, dtype=np.int64) for i, m in unit_rows]
            )
        answer_rows = [
            (i, self._answer_vectors[pid]) for i, pid in enumerate(ids) if pid in self._answer_vectors
        ]
        if answer_rows:
            self._dense_answers = np.vstack([v for _, v in answer_rows]).astype(np.float32)
            self._dense_answer_owner = np.asarray([i for i, _ in answer_rows], dtype=np.int64)

    # --- searching --------------------------------------------------------------------------------

    def _query_tokens(self, question: str) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        norm = text.normalise(text.clip_query(question))[: text.MAX_QUERY_CHARS]
        bigrams, chars = text.grams(norm)
        words = text.segment(norm)
        w: dict[str, float] = {k: float(v) for k, v in Counter(words).items()}
        b: dict[str, float] = {k: float(v) for k, v in Counter(bigrams).items()}
        c: dict[str, float] = {k: float(v) for k, v in Counter(chars).items()}
        for expansion in self.synonyms.expansions(norm, words):
            for alternative in expansion.alternatives:
                alt_bigrams, _ = text.grams(alternative)
                for target, tokens in ((w, text.segment(alternative) or [alternative]), (b, alt_bigrams)):
                    for token in tokens:
                        target[token] = max(target.get(token, 0.0), EXPANSION_WEIGHT)
        return w, b, c

    @staticmethod
    def has_tokens(question: str) -> bool:
        """True when the question has any letter, digit or Han character to search for."""
        bigrams, _ = text.grams(text.normalise(text.clip_query(question)))
        return bool(bigrams)

    def components(self, question: str) -> Components:
        """Lexical and dense scores of every passage (in index order) for ``question``."""
        self.refresh()
        n = len(self._ids)
        wt = self.weights
        w, b, c = self._query_tokens(question)
        lexical = np.zeros(n, dtype=np.float32)
        if self._unit_owner.size:
            unit_scores = (
                wt.q_words * self._q_words.scores(w)
                + wt.q_bigrams * self._q_bigrams.scores(b)
                + wt.q_chars * self._q_chars.scores(c)
            )
            np.maximum.at(lexical, self._unit_owner, unit_scores)
        if n:
            lexical += wt.a_words * self._a_words.scores(w) + wt.a_bigrams * self._a_bigrams.scores(b)
            if self._a_chars is not None:
                lexical += wt.a_chars * self._a_chars.scores(c)
        dense: FloatArray | None = None
        if (
            self.embedder is not None
            and n
            and (self._dense_units is not None or self._dense_answers is not None)
        ):
            clipped = text.clip_query(question)[: text.MAX_QUERY_CHARS]
            qv = self._embed_question(clipped) if clipped.strip() else None
            stored = self._dense_units if self._dense_units is not None else self._dense_answers
            if qv is not None and stored is not None and qv.shape[0] != stored.shape[1]:
                logger.warning(
                    "语义模型的向量维数与索引不符（%s ≠ %s），本次只用关键词检索",
                    qv.shape[0],
                    stored.shape[1],
                )
                qv = None
            if qv is not None:
                dense = np.full(n, -1.0, dtype=np.float32)
                if self._dense_units is not None:
                    np.maximum.at(dense, self._dense_unit_owner, self._dense_units @ qv)
                if self._dense_answers is not None:
                    np.maximum.at(dense, self._dense_answer_owner, self._dense_answers @ qv)
        return Components(lexical=lexical, dense=dense)

    def _embed_question(self, question: str) -> FloatArray | None:
        """The question's vector, or ``None`` when the embedder fails: answer lexically then.

        The public asks the same few questions again and again, and embedding is most of a search's
        time, so the last :data:`QUESTION_CACHE_SIZE` vectors are remembered.
        """
        assert self.embedder is not None
        cached = self._question_vectors.get(question)
        if cached is not None:
            self._question_vectors.move_to_end(question)
            return cached
        try:
            vectors = self.embedder.embed_queries([question])
        except EmbedderError as exc:
            logger.warning("语义模型不可用，本次只用关键词检索：%s", exc)
            return None
        if vectors.ndim != 2 or vectors.shape[0] != 1:
            return None
        self._question_vectors[question] = vectors[0]
        if len(self._question_vectors) > QUESTION_CACHE_SIZE:
            self._question_vectors.popitem(last=False)
        return vectors[0]

    def fuse(self, parts: Components) -> FloatArray:
        """The ranking score of every passage from its score parts (see the module docstring)."""
        top = float(parts.lexical.max(initial=0.0))
        fused = parts.lexical / top if top > 0 else np.zeros_like(parts.lexical)
        if parts.dense is not None and parts.dense.size:
            # Cosines of this model sit in a narrow band (0.7-0.9) whose place moves with the question;
            # what carries information is how many standard deviations a passage stands above the
            # typical passage for this question.
            dense = parts.dense
            standard = (dense - np.float32(dense.mean())) / np.float32(float(dense.std()) + 1e-6)
            fused = fused + self.weights.dense * standard
        return fused.astype(np.float32, copy=False)

    def _coverage(self, question: str, indices: list[int]) -> list[float]:
        """Share of the question's distinct bigrams found in each passage (its questions, title or
        answer); a table term counts as found when one of its alternatives is there whole."""
        norm = text.normalise(text.clip_query(question))[: text.MAX_QUERY_CHARS]
        bigrams, _ = text.grams(norm)
        wanted = set(bigrams)
        if not wanted:
            return [0.0] * len(indices)
        expansions = [
            (set(text.grams(e.term)[0]), [set(text.grams(a)[0]) for a in e.alternatives])
            for e in self.synonyms.expansions(norm, text.segment(norm))
        ]
        out: list[float] = []
        for i in indices:
            have = self._bigram_sets[i]
            found = wanted & have
            for term_grams, alternatives in expansions:
                if any(alt and alt <= have for alt in alternatives):
                    found |= term_grams & wanted
            out.append(len(found) / len(wanted))
        return out

    def candidates(self, question: str, k: int = 10) -> list[Candidate]:
        """The ``k`` best passages with every feature the confidence is computed from."""
        k = max(0, min(int(k), MAX_K))
        with self._lock:
            self.refresh()
            if not self._ids or k == 0 or not self.has_tokens(question):
                return []
            parts = self.components(question)
            if float(parts.lexical.max(initial=0.0)) <= 0 and parts.dense is None:
                return []
            fused = self.fuse(parts)
            order = _top(fused, k + 1)
            coverage = self._coverage(question, order[:k])
            ids = self._ids
        scores = [float(fused[i]) for i in order]
        model = calibration.DENSE if parts.dense is not None else calibration.LEXICAL
        out: list[Candidate] = []
        for rank, i in enumerate(order[:k]):
            # The last passage of a tiny knowledge base has no follower: full margin.
            margin = scores[rank] - scores[rank + 1] if rank + 1 < len(scores) else model.margin_cap
            dense = float(parts.dense[i]) if parts.dense is not None else 0.0
            confidence = model.confidence(
                score=scores[rank], margin=margin, coverage=coverage[rank], dense=dense
            )
            out.append(
                Candidate(
                    passage_id=ids[i],
                    score=scores[rank],
                    margin=margin,
                    coverage=coverage[rank],
                    dense=dense,
                    confidence=confidence,
                )
            )
        return out

    def search(self, question: str, k: int = 10) -> list[Match]:
        """The ``k`` passages that best answer ``question``, best first, with calibrated confidence.

        Empty or meaningless input (punctuation, emoji) gives an empty list; any input is safe.
        """
        return [
            Match(passage_id=c.passage_id, score=c.score, confidence=c.confidence)
            for c in self.candidates(question, k)
        ]


def _top(scores: FloatArray, k: int) -> list[int]:
    """Indices of the ``k`` highest scores, best first (ties by index, so results are stable)."""
    k = min(k, scores.size)
    if k <= 0:
        return []
    part = np.argpartition(-scores, k - 1)[:k] if k < scores.size else np.arange(scores.size)
    return sorted(part.tolist(), key=lambda i: (-float(scores[i]), i))


def passages_by_id(passages: Iterable[Passage]) -> Mapping[str, Passage]:
    """Passages keyed by id (the last one wins on a repeated id)."""
    return {p.id: p for p in passages}
