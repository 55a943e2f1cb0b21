"""Who may do what, scoped to the unit subtree.

- 承办人 (handler): drafts and edits their own unit's documents, submits them for review.
- 单位管理员 (unit admin): everything a handler can, plus review, publish and withdraw, in their unit subtree.
- 公开办 (openness office): everything a unit admin can in their subtree, plus the audit log and calendar.
- 评估人 (evaluator): reads statistics and the audit log; changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.accounts.models import Role
from gongkai.units.models import Unit

if TYPE_CHECKING:
    from gongkai.accounts.models import User

REVIEWER_ROLES = {Role.UNIT_ADMIN, Role.OPENNESS_OFFICE}
WRITER_ROLES = {Role.HANDLER, Role.UNIT_ADMIN, Role.OPENNESS_OFFICE}


def is_staff_member(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.unit_id)


def scope_unit(user: User) -> Unit | None:
    """The root of the subtree the user works in (their own unit)."""
    return user.unit


def in_scope(user: User, unit: Unit) -> bool:
    """The unit lies in the user's subtree; handlers are held to their own unit only."""
    if user.is_superuser:
        return True
    own = user.unit
    if own is None:
        return False
    if user.role == Role.HANDLER:
        return unit.pk == own.pk
    return unit.is_within(own)


def can_write(user: User, unit: Unit) -> bool:
    return is_staff_member(user) and user.role in WRITER_ROLES and in_scope(user, unit)


def can_review(user: User, unit: Unit) -> bool:
    return is_staff_member(user) and user.role in REVIEWER_ROLES and in_scope(user, unit)


def can_read_workbench(user: User, unit: Unit) -> bool:
    if user.role == Role.EVALUATOR and is_staff_member(user):
        return in_scope(user, unit)
    return can_write(user, unit)


def can_search_audit(user: User) -> bool:
    return (
        is_staff_member(user) and user.role in {Role.OPENNESS_OFFICE, Role.EVALUATOR}
    ) or user.is_superuser


def can_manage_calendar(user: User) -> bool:
    return (is_staff_member(user) and user.role == Role.OPENNESS_OFFICE) or user.is_superuser
