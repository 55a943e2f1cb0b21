"""gunicorn settings used by ``bin/serve``.

Each worker builds the Q&A assistant's index as it starts (loading the sentence model and embedding
the published knowledge entries takes seconds), so the first citizen's question does not wait for it.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

logger = logging.getLogger("gongkai.knowledge")


def warm_assistant() -> None:
    """Build this process's assistant index now; a failure is logged and the first question retries."""
    from gongkai.knowledge.assistant import current_retriever

    try:
        current_retriever()
    except Exception:
        logger.exception("智能问答索引预热失败，将在第一个问题时重建")


def _warm_in_thread() -> None:
    from django.db import connection

    try:
        warm_assistant()
    finally:
        connection.close()  # the thread's own connection; the worker's threads open their own


def post_worker_init(worker: Any) -> None:
    """gunicorn hook: warm up in the background; requests arriving meanwhile wait for the first build."""
    threading.Thread(target=_warm_in_thread, name="qa-warmup", daemon=True).start()
