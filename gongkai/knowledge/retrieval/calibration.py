"""Calibrated confidence: the probability that the top passages really answer the question.

A logistic function of four features of a ranked passage (:meth:`Retriever.candidates`):

- ``score`` — its fused score (relative: the top lexical hit is 1.0, see :meth:`Retriever.fuse`);
- ``margin`` — how far it stands above the next passage (capped at ``margin_cap``);
- ``coverage`` — the share of the question's character bigrams found in the passage (absolute: a
  question about something the knowledge base does not mention covers little of anything);
- ``dense`` — the learned-similarity cosine (absolute; 0 without an embedder).

``confidence = 1 / (1 + exp(-(bias + w·features)))``

The constants below were fitted by ``bench/qa/calibrate.py`` (plain logistic regression, maximum
likelihood by Newton's method) on the *development* splits in ``shared/eval/qa/`` — government
Q&A, Taipei FAQ and LCQMC paraphrases pooled — with the label "the top-1 passage is a correct one".
Re-running that script with the same data prints the same constants; it also prints the expected
calibration error, which ``bench/qa/README.md`` records. There is one model for retrieval with the
learned similarity and one for lexical retrieval alone, because their scores live on different scales.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Logistic:
    """``P(correct | features)``; non-decreasing in every feature (all weights are ≥ 0)."""

    bias: float
    w_score: float
    w_margin: float
    w_coverage: float
    w_dense: float
    margin_cap: float

    def confidence(self, *, score: float, margin: float, coverage: float = 0.0, dense: float = 0.0) -> float:
        """Probability in [0, 1]; a non-finite feature counts as no evidence (0)."""
        values = [v if math.isfinite(v) else 0.0 for v in (score, margin, coverage, dense)]
        score, margin, coverage, dense = values
        margin = min(max(margin, 0.0), self.margin_cap)
        coverage = min(max(coverage, 0.0), 1.0)
        dense = min(max(dense, -1.0), 1.0)
        z = self.bias + self.w_score * score + self.w_margin * margin + self.w_coverage * coverage
        z += self.w_dense * dense
        z = min(max(z, -60.0), 60.0)
        return 1.0 / (1.0 + math.exp(-z))


# Fitted by bench/qa/calibrate.py (see the module docstring). With the learned similarity the
# coverage weight came out negative (the cosine already says how much of the question is met) and was
# dropped; without it the fused score carries no absolute information (the top lexical hit is always
# 1.0) and only margin and coverage remain.
DENSE = Logistic(bias=-2.981, w_score=0.262, w_margin=3.224, w_coverage=0.0, w_dense=1.637, margin_cap=1.0)
LEXICAL = Logistic(bias=-1.3, w_score=0.0, w_margin=5.213, w_coverage=1.305, w_dense=0.0, margin_cap=1.0)
