"""The retrieval contract: what goes in (:class:`Passage`) and what comes out (:class:`Match`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def _empty_meta() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Passage:
    """One answerable entry of the knowledge base.

    ``questions`` holds the standard question and its similar phrasings (a knowledge-base entry, a
    政策简明问答 pair); it is empty for a passage that is only an answer text (a published document's
    paragraph). ``source`` names the kind of record (``"knowledge"``, ``"interpretation_qa"``,
    ``"document"`` …) and ``meta`` carries whatever the caller needs to link back (URL, unit).
    """

    id: str
    questions: tuple[str, ...]
    answer: str
    title: str = ""
    source: str = ""
    meta: Mapping[str, str] = field(default_factory=_empty_meta)


@dataclass(frozen=True, slots=True)
class Match:
    """A passage found for a question.

    ``score`` is the fused ranking score (comparable only within one search); ``confidence`` is the
    calibrated probability, in [0, 1], that this passage answers the question (see
    :mod:`gongkai.knowledge.retrieval.calibration`).
    """

    passage_id: str
    score: float
    confidence: float
