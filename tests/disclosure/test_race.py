"""Two handlers racing on the same case: one wins, the other gets a clear Chinese error.

Real threads need committed data and a server that takes row locks, so this runs on PostgreSQL
(``DATABASE_URL=postgres://…``). On SQLite the ``BEGIN IMMEDIATE`` transaction serialises writers, and
the stale-copy test in ``test_services.py`` covers the same check.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition
from gongkai.disclosure.choices import State
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.services import request_start_handling

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_second_handler_is_refused(staff, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.ASSIGNED)
    copies = [DisclosureRequest.objects.get(pk=case.pk) for _ in range(2)]
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def act(name: str, copy: DisclosureRequest) -> None:
        try:
            barrier.wait(timeout=10)
            request_start_handling(actor=Actor(staff[name]), case=copy)
            results[name] = "ok"
        except IllegalTransition as exc:
            results[name] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=("handler", copies[0])),
        threading.Thread(target=act, args=("handler2", copies[1])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(str(type(v).__name__) for v in results.values()) == ["ConcurrentChange", "str"]
    loser = next(v for v in results.values() if isinstance(v, IllegalTransition))
    assert "已被其他工作人员处理" in loser.message and "办理中" in loser.message
    case.refresh_from_db()
    assert case.state == State.IN_HANDLING and case.version == copies[0].version + 1
    winner = next(k for k, v in results.items() if v == "ok")
    assert case.assigned_handler.username == "handler"  # type: ignore[union-attr]
    assert winner in {"handler", "handler2"}
