"""Marking in-app notifications read."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.disclosure.models import Notification


@transaction.atomic
def notification_mark_read(*, actor: Actor, ids: list[int] | None = None, clock: Clock | None = None) -> int:
    """Mark the actor's own notifications read (all unread ones when ``ids`` is None); returns how many."""
    if actor.user is None:
        return 0
    clock = clock or get_clock()
    qs = Notification.objects.filter(recipient=actor.user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=clock.now())
