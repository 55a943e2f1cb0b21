"""Optional answer writing by an OpenAI-compatible chat endpoint, strictly from retrieved sources.

Off unless a caller passes an endpoint: the assistant works without it (it shows the retrieved answers
themselves). When used, :func:`answer_from_sources`

1. numbers the sources ``[1] … [n]`` and asks the model to answer **only** from them, to mark every
   statement with the number of its source, and to reply with :data:`REFUSAL_MARK` when the sources do
   not answer the question;
2. checks the reply: it must cite at least one source and only sources that were given (an invented
   ``[7]`` means the model wrote from elsewhere); otherwise the result is a :class:`Refusal`, as it is
   when the endpoint is down, slow or replies nonsense.

A :class:`Refusal` always carries a message for the public that offers a person instead.

Plain Python (``urllib``), no Django: the caller reads its settings and passes them in.
"""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.knowledge.retrieval.types import Passage

REFUSAL_MARK = "【无法回答】"
MAX_SOURCES = 6
MAX_SOURCE_CHARS = 1500
MAX_QUESTION_CHARS = 500
MAX_REPLY_CHARS = 4000
HANDOVER_MESSAGE = "抱歉，现有资料不足以准确回答这个问题。您可以转人工服务，由工作人员为您解答。"
UNAVAILABLE_MESSAGE = "智能回答服务暂时不可用。您可以先查看下方的参考资料，或转人工服务。"

SYSTEM_PROMPT = f"""你是政务公开平台的问答助手，只能依据用户消息中给出的编号资料回答问题。
规则：
1. 只使用资料里的内容，不得使用资料以外的知识，不得编造政策、数字、电话、地址或办理时限。
2. 每一句陈述后面用方括号标注所依据资料的编号，例如 [1] 或 [1][2]；只能引用给出的编号。
3. 如果资料不能回答这个问题，或者只能回答一部分而无法给出可靠答案，只回复“{REFUSAL_MARK}”，不要回复其他内容。
4. 用简洁、礼貌的简体中文回答，不要重复问题。"""

_CITATION_RE = re.compile(r"\[\s*(\d{1,3})\s*\]")
_BRACKETS_RE = re.compile(r"[\[［【]\s*([0-9０-９]{1,3})\s*[\]］】]")


@dataclass(frozen=True, slots=True)
class GeneratedAnswer:
    """An answer written from the sources; ``citations`` are the ids of the passages it cites."""

    text: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Refusal:
    """No generated answer. ``reason`` is a code for logs and tests; ``message`` is for the public.

    Reasons: ``no_sources``, ``unsupported`` (the model said the sources do not answer),
    ``uncited`` (no citation in the reply), ``invalid_citation`` (cites a source not given),
    ``unavailable`` (endpoint down, timeout, bad reply).
    """

    reason: str
    message: str = HANDOVER_MESSAGE
    offer_handover: bool = True


def build_messages(question: str, passages: Sequence[Passage]) -> list[dict[str, str]]:
    """The chat messages: the rules, then the numbered sources and the question."""
    blocks = []
    for number, passage in enumerate(passages, 1):
        heading = passage.title or (passage.questions[0] if passage.questions else "")
        body = passage.answer[:MAX_SOURCE_CHARS]
        blocks.append(f"[{number}] {heading}\n{body}".strip())
    user = "资料：\n\n" + "\n\n".join(blocks) + f"\n\n问题：{question[:MAX_QUESTION_CHARS]}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def _chat_url(endpoint: str) -> str:
    url = endpoint.rstrip("/")
    return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


def _complete(
    messages: list[dict[str, str]], *, endpoint: str, model: str, timeout: float, api_key: str
) -> str:
    body: dict[str, Any] = {"model": model, "messages": messages, "temperature": 0, "stream": False}
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked by the caller
        _chat_url(endpoint), data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        reply = json.loads(response.read())
    content = reply["choices"][0]["message"]["content"]
    if not isinstance(content, str):
        raise TypeError("content is not text")
    return content


def check_reply(reply: str, passages: Sequence[Passage]) -> GeneratedAnswer | Refusal:
    """Accept a reply only if it answers, cites at least one source, and cites only given sources."""
    raw = (reply or "").strip()
    if not raw or REFUSAL_MARK in raw or "无法回答" in raw[:12]:
        return Refusal(reason="unsupported")
    # ［1］ and 【1】 are citations too; only the brackets are normalised, so the answer keeps its
    # Chinese punctuation (NFKC would turn ， into ,).
    text = _BRACKETS_RE.sub(lambda m: f"[{unicodedata.normalize('NFKC', m.group(1))}]", raw[:MAX_REPLY_CHARS])
    numbers = [int(n) for n in _CITATION_RE.findall(text)]
    if not numbers:
        return Refusal(reason="uncited")
    if any(not 1 <= n <= len(passages) for n in numbers):
        return Refusal(reason="invalid_citation")
    cited = tuple(dict.fromkeys(passages[n - 1].id for n in numbers))
    return GeneratedAnswer(text=text, citations=cited)


def answer_from_sources(
    question: str,
    passages: Sequence[Passage],
    *,
    endpoint: str,
    model: str,
    timeout: float = 20.0,
    api_key: str = "",
) -> GeneratedAnswer | Refusal:
    """Ask the chat endpoint to answer ``question`` from ``passages`` only; check what it wrote.

    ``endpoint`` is the base URL of an OpenAI-compatible API (``http://host:port/v1``) or its full
    ``/chat/completions`` address. Never raises for a network or reply problem: that is a
    :class:`Refusal` with reason ``unavailable``.
    """
    sources = list(passages)[:MAX_SOURCES]
    if not sources or not question.strip():
        return Refusal(reason="no_sources")
    if not endpoint.startswith(("http://", "https://")):
        return Refusal(reason="unavailable", message=UNAVAILABLE_MESSAGE)
    try:
        reply = _complete(
            build_messages(question, sources),
            endpoint=endpoint,
            model=model,
            timeout=timeout,
            api_key=api_key,
        )
    except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, IndexError, TypeError):
        return Refusal(reason="unavailable", message=UNAVAILABLE_MESSAGE)
    return check_reply(reply, sources)
