"""The assistant's index is built when a gunicorn worker starts, not on the first question."""

from __future__ import annotations

import threading

import pytest

from config import gunicorn as gunicorn_config
from gongkai.knowledge import assistant


@pytest.mark.django_db
def test_warm_assistant_builds_the_process_index() -> None:
    assistant.assistant_reset()
    assert assistant._INDEX.retriever is None
    gunicorn_config.warm_assistant()
    assert assistant._INDEX.retriever is not None


def test_worker_start_warms_up_in_a_background_thread(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    called = threading.Event()
    monkeypatch.setattr(gunicorn_config, "warm_assistant", called.set)
    gunicorn_config.post_worker_init(worker=object())
    assert called.wait(timeout=10)


def test_warm_up_failure_is_logged_not_raised(monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise RuntimeError("模型文件损坏")

    monkeypatch.setattr(assistant, "current_retriever", broken)
    gunicorn_config.warm_assistant()
    assert "预热失败" in caplog.text
