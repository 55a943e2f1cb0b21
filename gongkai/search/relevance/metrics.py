"""Graded relevance metrics: nDCG@k (gain 2^g − 1, log2 discount) and recall@k."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(grades: Sequence[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at_k(ranked_grades: Sequence[int], all_grades: Sequence[int], k: int = 10) -> float:
    """``ranked_grades``: the grade of each returned item in order (0 = not judged relevant);
    ``all_grades``: the grade of every relevant item in the corpus (the ideal ranking)."""
    ideal = dcg(sorted((g for g in all_grades if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(list(ranked_grades)[:k]) / ideal


def recall_at_k(ranked_ids: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    wanted = {i for i, g in relevant.items() if g > 0}
    if not wanted:
        return 0.0
    return len(wanted & set(list(ranked_ids)[:k])) / len(wanted)
