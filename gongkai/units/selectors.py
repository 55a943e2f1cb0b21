"""Reads on the unit tree."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.units.models import Unit


def unit_subtree(unit: Unit) -> QuerySet[Unit]:
    """The unit and every unit below it."""
    return Unit.objects.filter(path__startswith=unit.path)


def unit_list_active() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True).select_related("parent").order_by("path")


def unit_get_by_code(code: str) -> Unit | None:
    return Unit.objects.filter(code=code, is_active=True).first()
