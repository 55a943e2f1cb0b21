"""The optional answer writer against a local fake OpenAI-compatible chat server (real HTTP)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from gongkai.knowledge.generation import (
    REFUSAL_MARK,
    GeneratedAnswer,
    Refusal,
    answer_from_sources,
    check_reply,
)
from gongkai.knowledge.retrieval import Passage

SOURCES = [
    Passage(id="gjj", questions=("住房公积金怎么提取",), answer="购房、租房可以申请提取住房公积金。"),
    Passage(id="rexian", questions=("市民热线是多少",), answer="政务服务便民热线为12345。"),
]


class FakeChat:
    """What the fake server replies and what it received."""

    def __init__(self) -> None:
        self.reply = ""
        self.delay = 0.0
        self.status = 200
        self.requests: list[dict[str, Any]] = []


@pytest.fixture
def chat() -> Iterator[tuple[str, FakeChat]]:
    state = FakeChat()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            state.requests.append(
                {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
            )
            time.sleep(state.delay)
            if state.status != 200:
                self.send_error(state.status)
                return
            data = json.dumps(
                {
                    "id": "chatcmpl-1",
                    "object": "chat.completion",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": state.reply}}],
                }
            ).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", state
    finally:
        server.shutdown()
        server.server_close()


def ask(url: str, **kwargs: Any) -> GeneratedAnswer | Refusal:
    return answer_from_sources(
        "公积金能取出来吗", SOURCES, endpoint=url, model="fake-llm", timeout=5, **kwargs
    )


def test_cited_answer_is_accepted(chat: tuple[str, FakeChat]) -> None:
    url, state = chat
    state.reply = "购房或租房时可以申请提取住房公积金[1]。"
    result = ask(url, api_key="secret")
    assert isinstance(result, GeneratedAnswer)
    assert result.citations == ("gjj",)
    assert "[1]" in result.text
    request = state.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer secret"
    assert request["body"]["model"] == "fake-llm"
    system, user = request["body"]["messages"]
    assert "[1]" in system["content"] and REFUSAL_MARK in system["content"]
    assert "[1] 住房公积金怎么提取" in user["content"] and "[2] 市民热线是多少" in user["content"]
    assert "公积金能取出来吗" in user["content"]


def test_several_citations_in_order(chat: tuple[str, FakeChat]) -> None:
    url, state = chat
    state.reply = "可以提取［1］；有疑问请拨打12345【2】。"
    result = ask(url)
    assert isinstance(result, GeneratedAnswer)
    assert result.citations == ("gjj", "rexian")


def test_uncited_answer_is_refused(chat: tuple[str, FakeChat]) -> None:
    url, state = chat
    state.reply = "可以提取，去银行办理即可。"
    result = ask(url)
    assert isinstance(result, Refusal) and result.reason == "uncited"
    assert result.offer_handover and "人工" in result.message


def test_invented_citation_is_refused(chat: tuple[str, FakeChat]) -> None:
    url, state = chat
    state.reply = "可以提取[1]，每年限两次[3]。"
    result = ask(url)
    assert isinstance(result, Refusal) and result.reason == "invalid_citation"


def test_model_refusal_is_passed_on(chat: tuple[str, FakeChat]) -> None:
    url, state = chat
    state.reply = REFUSAL_MARK
    result = ask(url)
    assert isinstance(result, Refusal) and result.reason == "unsupported"


def test_server_error_is_a_clear_refusal(chat: tuple[str, FakeChat]) -> None:
    url, state = chat
    state.status = 500
    result = ask(url)
    assert isinstance(result, Refusal) and result.reason == "unavailable"
    assert "人工" in result.message


def test_timeout_is_a_clear_refusal(chat: tuple[str, FakeChat]) -> None:
    url, state = chat
    state.reply = "可以提取[1]。"
    state.delay = 2.0
    result = answer_from_sources("公积金", SOURCES, endpoint=url, model="m", timeout=0.3)
    assert isinstance(result, Refusal) and result.reason == "unavailable"


def test_endpoint_down_is_a_clear_refusal() -> None:
    result = answer_from_sources("公积金", SOURCES, endpoint="http://127.0.0.1:9/v1", model="m", timeout=2)
    assert isinstance(result, Refusal) and result.reason == "unavailable"


def test_no_sources_no_call() -> None:
    result = answer_from_sources("公积金", [], endpoint="http://127.0.0.1:9/v1", model="m")
    assert isinstance(result, Refusal) and result.reason == "no_sources"


def test_non_http_endpoint_is_refused() -> None:
    result = answer_from_sources("公积金", SOURCES, endpoint="file:///etc/passwd", model="m")
    assert isinstance(result, Refusal) and result.reason == "unavailable"


def test_check_reply_edge_cases() -> None:
    assert isinstance(check_reply("", SOURCES), Refusal)
    assert isinstance(check_reply("无法回答。", SOURCES), Refusal)
    assert isinstance(check_reply("见[0]", SOURCES), Refusal)
    assert isinstance(check_reply("见 [ 2 ]", SOURCES), GeneratedAnswer)


def test_answer_keeps_its_chinese_punctuation() -> None:
    result = check_reply("可以提取，请携带身份证【1】。", SOURCES)
    assert isinstance(result, GeneratedAnswer)
    assert result.text == "可以提取，请携带身份证[1]。"
    assert isinstance(check_reply("抱歉，无法回答这个问题。", SOURCES), Refusal)
