"""BM25 fields over words, character bigrams and characters (``bm25s`` does the scoring).

A :class:`Field` is one BM25 index over a list of token lists. ``bm25s`` keeps the index as a
term-major sparse matrix of precomputed BM25 weights, so scoring a query is a few slices and sums in
NumPy: about a millisecond for 20,000 entries. It has no incremental update; the retriever rebuilds
its fields when the knowledge base changes (a second or two for 20,000 entries).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import bm25s
import numpy as np
import numpy.typing as npt

# bm25s logs every index build at INFO level; the retriever builds often.
logging.getLogger("bm25s").setLevel(logging.WARNING)

FloatArray = npt.NDArray[np.float32]

# Lucene's BM25 parameters; b is lower than the textbook 0.75 because a long official answer is long
# for its content (legal text, lists), not because it is about many things.
K1 = 1.2
B = 0.5


class Field:
    """One BM25 index over ``docs`` (each a list of tokens)."""

    def __init__(self, docs: Sequence[Sequence[str]], *, k1: float = K1, b: float = B) -> None:
        self.size = len(docs)
        self._bm25: bm25s.BM25 | None = None
        if self.size and any(docs):
            self._bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
            self._bm25.index([list(d) for d in docs], show_progress=False)
            self._vocab: Mapping[str, int] = self._bm25.vocab_dict

    def scores(self, weighted: Mapping[str, float]) -> FloatArray:
        """BM25 score of every doc for the query tokens ``{token: weight}`` (weight ≈ repeat count)."""
        out = np.zeros(self.size, dtype=np.float32)
        if self._bm25 is None:
            return out
        by_weight: dict[float, list[int]] = {}
        for token, weight in weighted.items():
            tid = self._vocab.get(token)
            if tid is not None and weight > 0:
                by_weight.setdefault(weight, []).append(tid)
        for weight, ids in by_weight.items():
            out += np.float32(weight) * self._bm25.get_scores_from_ids(ids)
        return out
