"""Retrieval for the Q&A assistant: which knowledge-base passages answer a citizen's question.

A plain Python package (no Django) so it can be tested, benchmarked and reused on its own::

    from gongkai.knowledge.retrieval import Passage, Retriever, load_embedder

    retriever = Retriever.build(passages, embedder=load_embedder("e5"))
    for match in retriever.search("娃上小学要准备什么材料", k=5):
        print(match.passage_id, match.confidence)

See :mod:`.engine` for how a question is scored, :mod:`.dense` for the learned-similarity models
and :mod:`.calibration` for the confidence.
"""

from gongkai.knowledge.retrieval.dense import (
    CachedEmbedder,
    E5Embedder,
    Embedder,
    EmbedderError,
    HttpEmbedder,
    load_embedder,
)
from gongkai.knowledge.retrieval.engine import Candidate, Components, Retriever, Weights
from gongkai.knowledge.retrieval.synonyms import SynonymTable
from gongkai.knowledge.retrieval.types import Match, Passage

__all__ = [
    "CachedEmbedder",
    "Candidate",
    "Components",
    "E5Embedder",
    "Embedder",
    "EmbedderError",
    "HttpEmbedder",
    "Match",
    "Passage",
    "Retriever",
    "SynonymTable",
    "Weights",
    "load_embedder",
]
