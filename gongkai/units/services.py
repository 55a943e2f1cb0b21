"""Writes on the unit tree."""

from __future__ import annotations

import re

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.units.models import Unit, UnitKind

UNIT_CODE_RE = re.compile(r"^[0-9A-Z]{9}$|^[0-9A-Z]{8}-[0-9X]$|^[0-9A-HJ-NPQRTUWXY]{18}$")


@transaction.atomic
def unit_create(
    *,
    actor: Actor,
    name: str,
    code: str,
    kind: str = UnitKind.CITY_DEPARTMENT,
    parent: Unit | None = None,
    short_name: str = "",
    sort_order: int = 100,
) -> Unit:
    """Create a unit under ``parent`` with its materialised path."""
    name = name.strip()
    code = code.strip().upper()
    if not name:
        raise InvalidInput("单位名称不能为空。", field="name")
    if not UNIT_CODE_RE.match(code):
        raise InvalidInput("机构代码应为9位组织机构代码或18位统一社会信用代码。", field="code")
    if Unit.objects.filter(code=code).exists():
        raise InvalidInput(f"机构代码 {code} 已被使用。", field="code")
    if Unit.objects.filter(parent=parent, name=name).exists():
        raise InvalidInput(f"同一上级下已有名为“{name}”的单位。", field="name")
    unit = Unit.objects.create(
        name=name, code=code, kind=kind, parent=parent, short_name=short_name, sort_order=sort_order
    )
    audit_record(actor=actor, action="unit.create", obj=unit, unit=unit, changes={"name": [None, name]})
    return unit
