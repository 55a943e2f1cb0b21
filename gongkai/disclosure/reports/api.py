"""Staff API of the 依申请公开 reports, mounted at ``/api/v1/staff/disclosure/reports``.

Counts only, for the openness office and evaluators over the unit (others get 403), computed by the
same functions as the workbench page. The unit is given by its 机构代码.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from gongkai.api.auth import request_user, staff_auth
from gongkai.api.schemas import answers
from gongkai.core.errors import NotPermitted
from gongkai.disclosure.reports.scope import ReportScope, require_report_scope
from gongkai.disclosure.reports.statistics import TIMELINESS_LABELS, compute_statistics
from gongkai.disclosure.reports.table_four import CELL_LABELS, GROUP_LABELS, GROUPS, compute_table_four
from gongkai.disclosure.reports.table_three import (
    COLUMN_LABELS,
    HEADER_NOTE,
    Check,
    check_carry_over,
    compute_table_three,
)
from gongkai.units.models import Unit

router = Router(tags=["依申请公开统计"], auth=staff_auth)


class ReportQuery(Schema):
    unit: str = Field(..., max_length=18, description="单位机构代码")
    year: int = Field(..., ge=2008, le=2100)
    include_subunits: bool = False


class CheckOut(Schema):
    rule: str
    ok: bool
    detail: str

    @classmethod
    def of(cls, c: Check) -> CheckOut:
        return cls(rule=c.rule, ok=c.ok, detail=c.detail)


class RowOut(Schema):
    key: str = Field(description="数据行代码；分组标题行为空")
    label: str
    level: int
    values: list[int] | None = Field(
        description="自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计"
    )


class TableThreeOut(Schema):
    scope: str
    year: int
    header_note: str
    columns: list[str]
    rows: list[RowOut]
    checks: list[CheckOut]
    ok: bool


class GroupOut(Schema):
    group: str
    labels: list[str]
    values: list[int]


class TableFourOut(Schema):
    scope: str
    year: int
    groups: list[GroupOut]
    checks: list[CheckOut]
    ok: bool


class CountOut(Schema):
    label: str
    count: int


class UnitCountOut(Schema):
    unit: str
    received: int
    decided: int
    open_at_year_end: int


class StatisticsOut(Schema):
    scope: str
    year: int
    received: int
    decided: int
    open_at_year_end: int
    on_time_rate: str
    fees_collected_yuan: str
    by_unit: list[UnitCountOut]
    by_month: list[int]
    by_channel: list[CountOut]
    by_applicant: list[CountOut]
    by_reply_type: list[CountOut]
    timeliness: list[CountOut]
    steps: list[CountOut]
    uncertain_years: list[int]


def _scope(request: HttpRequest, q: ReportQuery) -> ReportScope:
    user = request_user(request)
    unit = Unit.objects.filter(code=q.unit.strip().upper()).first()
    if unit is None:
        raise NotPermitted("没有该单位，或您无权查看该单位的统计。")
    return require_report_scope(user, unit, q.year, include_subunits=q.include_subunits)


@router.get(
    "/table-three", response=answers(TableThreeOut), summary="年度报告表三：收到和处理政府信息公开申请情况"
)
def table_three(request: HttpRequest, q: Query[ReportQuery]) -> TableThreeOut:
    scope = _scope(request, q)
    t = compute_table_three(scope)
    previous = compute_table_three(ReportScope(scope.unit, scope.year - 1, scope.include_subunits))
    checks = [*t.checks, check_carry_over(previous, t)]
    return TableThreeOut(
        scope=t.scope_label,
        year=t.year,
        header_note=HEADER_NOTE,
        columns=list(COLUMN_LABELS),
        rows=[
            RowOut(key=r.key, label=r.label, level=r.level, values=list(v) if v is not None else None)
            for r, v in t.printed_rows()
        ],
        checks=[CheckOut.of(c) for c in checks],
        ok=all(c.ok for c in checks),
    )


@router.get("/table-four", response=answers(TableFourOut), summary="年度报告表四：行政复议、行政诉讼情况")
def table_four(request: HttpRequest, q: Query[ReportQuery]) -> TableFourOut:
    t = compute_table_four(_scope(request, q))
    return TableFourOut(
        scope=t.scope_label,
        year=t.year,
        groups=[
            GroupOut(group=GROUP_LABELS[g], labels=list(CELL_LABELS), values=list(t.cells[g])) for g in GROUPS
        ],
        checks=[CheckOut.of(c) for c in t.checks],
        ok=t.ok,
    )


@router.get("/statistics", response=answers(StatisticsOut), summary="依申请公开统计（仅数量）")
def statistics(request: HttpRequest, q: Query[ReportQuery]) -> StatisticsOut:
    s = compute_statistics(_scope(request, q))
    return StatisticsOut(
        scope=s.scope_label,
        year=s.year,
        received=s.received,
        decided=s.decided,
        open_at_year_end=s.open_at_year_end,
        on_time_rate=s.on_time_rate,
        fees_collected_yuan=s.fees_collected_yuan,
        by_unit=[UnitCountOut(unit=u, received=a, decided=b, open_at_year_end=c) for u, a, b, c in s.by_unit],
        by_month=s.by_month,
        by_channel=[CountOut(label=k, count=n) for k, n in s.by_channel],
        by_applicant=[CountOut(label=k, count=n) for k, n in s.by_applicant],
        by_reply_type=[CountOut(label=k, count=n) for k, n in s.by_reply_type],
        timeliness=[CountOut(label=TIMELINESS_LABELS[k], count=n) for k, n in s.timeliness],
        steps=[CountOut(label=k, count=n) for k, n in s.steps],
        uncertain_years=list(s.uncertain_years),
    )
