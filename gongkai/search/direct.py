"""搜索即服务: a direct answer shown above the result list when a query asks for something a service
guide (办事指南) or a knowledge entry (知识库) answers outright.

Those content types do not exist yet. This is the hook they will use: each registers a provider, a
function from the query to zero or more :class:`DirectAnswer`; the results page and the API show
whatever the providers return. With no provider registered there are no direct answers — nothing is
made up.

    from gongkai.search.direct import DirectAnswer, register_provider

    def service_guide_answers(query: str) -> list[DirectAnswer]: ...
    register_provider("service_guide", service_guide_answers)   # in <app>/search.py
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

MAX_DIRECT_ANSWERS = 3


@dataclass(frozen=True)
class DirectAnswer:
    kind: str  # provider name, e.g. "service_guide"
    kind_label: str  # 办事指南, 知识问答 …
    title: str  # plain text (escaped when shown)
    summary: str  # plain text
    url: str  # a local path on this site
    facts: list[tuple[str, str]] = field(default_factory=list)  # ("办理时限", "5个工作日") …


Provider = Callable[[str], list[DirectAnswer]]
_providers: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    _providers[name] = provider


def unregister_provider(name: str) -> None:
    _providers.pop(name, None)


def direct_answers(query: str) -> list[DirectAnswer]:
    """Answers from every provider; a failing provider is logged and skipped. Only local URLs pass."""
    answers: list[DirectAnswer] = []
    if not query:
        return answers
    for name, provider in list(_providers.items()):
        try:
            for answer in provider(query):
                if answer.url.startswith("/") and not answer.url.startswith("//"):
                    answers.append(answer)
        except Exception:
            logger.exception("直达答案提供者出错：%s", name)
    return answers[:MAX_DIRECT_ANSWERS]
