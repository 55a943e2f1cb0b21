"""Optimistic locking shared by the case-like models (依申请公开 requests, 一号答 tickets, knowledge
entries): each has an integer ``version`` and an ``updated_at``; a write locks the row, checks the
version the caller saw, and bumps it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from gongkai.core.clock import Clock
from gongkai.core.errors import IllegalTransition

M = TypeVar("M", bound=Any)


class ConcurrentChange(IllegalTransition):
    """Someone else changed the record since it was loaded; nothing was changed (409)."""


def lock_checked(obj: M, *, message: Callable[[M], str]) -> M:
    """The object's row, locked until the end of the transaction, checked against the caller's copy.

    Two people acting on the same record at once are serialised by the row lock (``SELECT … FOR
    UPDATE`` on PostgreSQL, the ``BEGIN IMMEDIATE`` transaction on SQLite); the second one finds the
    version moved on and is refused with ``message(fresh)`` instead of acting on a state it never saw.
    No ``select_related``: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    """
    fresh = type(obj).objects.select_for_update().get(pk=obj.pk)
    if fresh.version != obj.version:
        raise ConcurrentChange(message(fresh))
    return fresh


def save_versioned(obj: Any, clock: Clock) -> None:
    """Save a changed record with its version bumped and its change time set."""
    obj.version += 1
    obj.updated_at = clock.now()
    obj.save()
