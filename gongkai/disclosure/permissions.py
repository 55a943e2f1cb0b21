"""Who may do what with a 依申请公开 case, on top of ``accounts.permissions``.

- Seeing a case: anyone whose staff units (``documents.selectors.staff_units``) contain its addressee
  or its assigned unit — handlers their own unit, admins/openness office/evaluators their subtree.
- Seeing the applicant's personal data: only the handling unit (the assigned unit, or the addressee
  while unassigned) and the openness office over it. Evaluators never; admins of a parent unit never.
- Registering, 补正, deeming withdrawn: writers of the addressee unit (or the assigned unit).
- Assigning / transferring: the openness office or a unit admin over the addressee or current unit.
- Handling (consultation, fee, reply, close): writers of the handling unit.
- Approving an extension: the openness office or a unit admin over the handling unit (the
  "政府信息公开工作机构负责人" of art. 33).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.accounts import permissions as base
from gongkai.accounts.models import Role

if TYPE_CHECKING:
    from gongkai.accounts.models import User
    from gongkai.disclosure.models import DisclosureRequest
    from gongkai.units.models import Unit

APPROVER_ROLES = frozenset({Role.OPENNESS_OFFICE, Role.UNIT_ADMIN})
ASSIGNER_ROLES = frozenset({Role.OPENNESS_OFFICE, Role.UNIT_ADMIN})


def _units(request: DisclosureRequest) -> list[Unit]:
    units = [request.addressee_unit]
    if request.assigned_unit_id and request.assigned_unit_id != request.addressee_unit_id:
        assert request.assigned_unit is not None
        units.append(request.assigned_unit)
    return units


def can_view(user: User, request: DisclosureRequest) -> bool:
    return any(base.can_read_workbench(user, u) for u in _units(request))


def can_view_personal_data(user: User, request: DisclosureRequest) -> bool:
    if user.is_superuser:
        return True
    if not base.is_staff_member(user) or user.role == Role.EVALUATOR:
        return False
    unit = request.handling_unit
    if user.role == Role.OPENNESS_OFFICE:
        return base.in_scope(user, unit) or base.in_scope(user, request.addressee_unit)
    return user.unit_id == unit.pk


def can_register(user: User, request: DisclosureRequest) -> bool:
    return any(base.can_write(user, u) for u in _units(request))


def can_register_for(user: User, unit: Unit) -> bool:
    return base.can_write(user, unit)


def can_assign(user: User, request: DisclosureRequest) -> bool:
    if user.is_superuser:
        return True
    return (
        base.is_staff_member(user)
        and user.role in ASSIGNER_ROLES
        and any(base.in_scope(user, u) for u in _units(request))
    )


def can_handle(user: User, request: DisclosureRequest) -> bool:
    return base.can_write(user, request.handling_unit)


def can_approve_extension(user: User, request: DisclosureRequest) -> bool:
    if user.is_superuser:
        return True
    return (
        base.is_staff_member(user)
        and user.role in APPROVER_ROLES
        and (base.in_scope(user, request.handling_unit) or base.in_scope(user, request.addressee_unit))
    )
