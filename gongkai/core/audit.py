"""Writing and reading the audit trail.

Every service that changes a record calls :func:`audit_record` inside its own transaction, so the
change and its trail commit or roll back together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """A JSON-ready copy of the named fields, for before/after comparisons."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for every field whose value changed."""
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model,
    changes: Mapping[str, Any] | None = None,
    note: str = "",
    unit: Any = None,
    clock: Clock | None = None,
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``obj``; call inside the changing transaction."""
    clock = clock or get_clock()
    return AuditEvent.objects.create(
        at=clock.now(),
        actor=actor.user,
        actor_label=actor.label,
        ip=actor.ip,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:300],
        unit=unit if unit is not None else getattr(obj, "unit", None),
        changes={k: _plain(v) for k, v in (changes or {}).items()},
        note=note,
    )


def audit_events_search(
    *,
    units: QuerySet[Any] | None,
    text: str = "",
    action: str = "",
    object_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events filtered for the openness office; ``units=None`` means all units."""
    qs = AuditEvent.objects.select_related("actor", "unit")
    if units is not None:
        qs = qs.filter(Q(unit__in=units) | Q(unit__isnull=True, actor__unit__in=units))
    if text:
        qs = qs.filter(
            Q(object_label__icontains=text) | Q(actor_label__icontains=text) | Q(note__icontains=text)
        )
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs
