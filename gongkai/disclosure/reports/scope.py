"""Who may see the reports, and of which units: the openness office and evaluators over their subtree."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from gongkai.accounts import permissions as base
from gongkai.accounts.models import Role, User
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.units.models import Unit

REPORT_ROLES = frozenset({Role.OPENNESS_OFFICE, Role.EVALUATOR})
FIRST_YEAR = 2008  # the regulation took effect on 2008-05-01
LAST_YEAR = 2100


@dataclass(frozen=True)
class ReportScope:
    """A unit (alone or with every unit below it) and a calendar year."""

    unit: Unit
    year: int
    include_subunits: bool = False

    def request_filter(self, prefix: str = "") -> Q:
        """The requests of this scope, by 受理机关."""
        if self.include_subunits:
            return Q(**{f"{prefix}addressee_unit__path__startswith": self.unit.path})
        return Q(**{f"{prefix}addressee_unit": self.unit})

    @property
    def label(self) -> str:
        return f"{self.unit.name}{'（含下属单位）' if self.include_subunits else ''} {self.year}年度"


def can_view_reports(user: User, unit: Unit) -> bool:
    """公开办 and 评估人 whose subtree holds the unit (and superusers); handlers and unit admins not."""
    if user.is_superuser:
        return True
    return base.is_staff_member(user) and user.role in REPORT_ROLES and base.in_scope(user, unit)


def can_see_cases(user: User) -> bool:
    """Whether the statistics may name cases (tracking codes of late replies): not for evaluators."""
    return user.is_superuser or user.role == Role.OPENNESS_OFFICE


def require_report_scope(user: User, unit: Unit, year: int, *, include_subunits: bool = False) -> ReportScope:
    if not can_view_reports(user, unit):
        raise NotPermitted("只有公开办和评估人可以查看该单位的依申请公开统计和年度报告表。")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(f"年度应在{FIRST_YEAR}至{LAST_YEAR}之间。", field="year")
    return ReportScope(unit=unit, year=year, include_subunits=include_subunits)


def report_units(user: User) -> list[Unit]:
    """The units whose reports the user may open (for the picker)."""
    if user.is_superuser:
        return list(Unit.objects.order_by("path"))
    if not base.is_staff_member(user) or user.role not in REPORT_ROLES or user.unit is None:
        return []
    return list(Unit.objects.filter(path__startswith=user.unit.path).order_by("path"))
