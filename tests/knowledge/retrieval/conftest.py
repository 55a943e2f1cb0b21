"""A small hand-written knowledge base and fake embedding models for the retrieval tests."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
import pytest

from gongkai.knowledge.retrieval import Passage, Retriever

KB: list[Passage] = [
    Passage(
        id="shebao",
        questions=("社会保险费怎么缴纳", "灵活就业人员如何缴纳社会保险"),
        answer="灵活就业人员可以通过税务部门的电子税务局或者社保经办窗口缴纳社会保险费。",
        source="knowledge",
    ),
    Passage(
        id="ruxue",
        questions=("孩子上小学需要准备哪些材料",),
        answer="适龄儿童入学一般需要提供居民户口簿、房屋产权证明和预防接种证明。",
        source="knowledge",
    ),
    Passage(
        id="hukou",
        questions=("户口迁入需要满足什么条件",),
        answer="申请户口迁入，应当具有合法稳定住所，并按规定提交迁入申请材料。",
        source="knowledge",
    ),
    Passage(
        id="gjj",
        questions=("住房公积金怎么提取",),
        answer="购买、建造、翻建自住住房或者支付房租的，可以申请提取住房公积金账户内的存储余额。",
        source="knowledge",
    ),
    Passage(
        id="jiazhao",
        questions=("驾驶证到期了怎么换证",),
        answer="机动车驾驶证有效期满前九十日内，持证人可以到车辆管理所申请换证。",
        source="knowledge",
    ),
    Passage(
        id="yyzz",
        questions=("个体工商户营业执照如何办理",),
        answer="申请个体工商户登记，可以通过政务服务网在线提交材料，也可以到政务服务中心窗口办理。",
        source="knowledge",
    ),
    Passage(
        id="dibao",
        questions=("最低生活保障怎么申请",),
        answer="申请最低生活保障，由共同生活的家庭成员向户籍所在地乡镇人民政府（街道办事处）提出书面申请。",
        source="knowledge",
    ),
    Passage(
        id="rexian",
        questions=("市民热线电话是多少",),
        answer="政务服务便民热线为12345，二十四小时受理咨询、求助、投诉和建议。",
        source="knowledge",
    ),
    Passage(
        id="wendang",
        questions=(),
        title="关于做好2024年防汛工作的通知",
        answer="各区要落实防汛责任制，加强汛期值班值守，做好山洪地质灾害防御工作。",
        source="document",
    ),
]


@pytest.fixture(scope="session")
def retriever() -> Retriever:
    return Retriever.build(KB)


def fake_vector(text: str, dim: int = 64) -> list[float]:
    """A deterministic bag-of-characters vector: similar texts get similar vectors."""
    vector = np.zeros(dim, dtype=np.float32)
    for ch in text:
        digest = hashlib.md5(ch.encode(), usedforsecurity=False).digest()
        vector[digest[0] % dim] += 1.0
    return vector.tolist()


class FakeEmbeddingHandler(BaseHTTPRequestHandler):
    """``POST /v1/embeddings`` as an OpenAI-compatible server answers it."""

    requests: list[dict[str, Any]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length))
        type(self).requests.append(body)
        if not self.path.endswith("/embeddings"):
            self.send_error(404)
            return
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        reply = {
            "object": "list",
            "data": [
                {"object": "embedding", "index": i, "embedding": fake_vector(t)} for i, t in enumerate(inputs)
            ],
            "model": body.get("model", "fake"),
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def embedding_server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A local fake embeddings endpoint: ``(base URL, received request bodies)``."""
    requests: list[dict[str, Any]] = []
    handler = type("Handler", (FakeEmbeddingHandler,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", requests
    finally:
        server.shutdown()
        server.server_close()


class CountingEmbedder:
    """An in-process embedder that counts the texts it encodes."""

    name = "counting"

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[str, ...]]] = []

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.asarray([fake_vector(t) for t in texts], dtype=np.float32).reshape(len(texts), -1)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1
        return matrix / norms

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(("q", tuple(texts)))
        return self._vectors(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(("p", tuple(texts)))
        return self._vectors(texts)
