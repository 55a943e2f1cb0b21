"""Workbench pages of the 依申请公开 statistics and annual-report tables (公开办 and 评估人 only).

``/workbench/disclosure/reports/?unit=<id>&year=<Y>&sub=1`` shows table 三 exactly as the national
format, table 四 and the statistics; ``export.xlsx`` / ``export.csv`` with the same query download them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.models import User
from gongkai.core.clock import get_clock
from gongkai.core.errors import InvalidInput
from gongkai.disclosure.reports.exporters import XLSX_CONTENT_TYPE, csv_text, xlsx_bytes
from gongkai.disclosure.reports.layout import TITLE_FOUR, TITLE_THREE, table_three_layout
from gongkai.disclosure.reports.scope import (
    FIRST_YEAR,
    ReportScope,
    can_see_cases,
    can_view_reports,
    report_units,
    require_report_scope,
)
from gongkai.disclosure.reports.statistics import TIMELINESS_LABELS, compute_statistics
from gongkai.disclosure.reports.table_four import (
    CELL_LABELS,
    GROUP_LABELS,
    GROUPS,
    LITIGATION_HEADING,
    compute_table_four,
)
from gongkai.disclosure.reports.table_three import (
    APPLICANT_HEADING,
    COLUMN_LABELS,
    HEADER_NOTE,
    ORG_HEADING,
    check_carry_over,
    compute_table_three,
)
from gongkai.units.models import Unit, UnitKind

GOVERNMENT_KINDS = frozenset({UnitKind.CITY_GOVERNMENT, UnitKind.DISTRICT_GOVERNMENT})


def report_due(unit: Unit, year: int) -> tuple[dt.date, str]:
    """Art. 49: departments publish last year's report by 01-31; a government's report is published
    by its competent department by 03-31 (disclosure-rules.md §1.5)."""
    if unit.kind in GOVERNMENT_KINDS:
        return dt.date(year + 1, 3, 31), "人民政府的年度报告由其政府信息公开工作主管部门于每年3月31日前公布"
    return dt.date(year + 1, 1, 31), "政府部门于每年1月31日前向本级主管部门报送并向社会公布"


def _scope(request: HttpRequest) -> tuple[User, ReportScope]:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("请先登录。")
    unit: Unit | None
    raw = request.GET.get("unit", "").strip()
    if raw:
        # Units are addressed by their code, as everywhere else on the site and in the API.
        unit = Unit.objects.filter(code=raw).first()
        if unit is None:
            raise Http404("没有该单位。")
    else:
        unit = user.unit or (Unit.objects.filter(parent__isnull=True).order_by("sort_order", "id").first())
    if unit is None or not can_view_reports(user, unit):
        raise PermissionDenied("只有公开办和评估人可以查看依申请公开统计和年度报告表。")
    default_year = get_clock().today().year - 1
    raw_year = request.GET.get("year", "").strip()
    year = int(raw_year) if raw_year.isdigit() else default_year
    try:
        scope = require_report_scope(user, unit, year, include_subunits=request.GET.get("sub") == "1")
    except InvalidInput as exc:
        raise Http404(str(exc)) from exc
    return user, scope


@login_required
def report(request: HttpRequest) -> HttpResponse:
    user, scope = _scope(request)
    three = compute_table_three(scope)
    four = compute_table_four(scope)
    previous = compute_table_three(ReportScope(scope.unit, scope.year - 1, scope.include_subunits))
    carry = check_carry_over(previous, three)
    stats = compute_statistics(scope, with_cases=can_see_cases(user))
    due, due_rule = report_due(scope.unit, scope.year)
    this_year = get_clock().today().year
    context: dict[str, Any] = {
        "scope": scope,
        "units": report_units(user),
        "years": list(range(this_year, FIRST_YEAR - 1, -1))[:12],
        "title_three": TITLE_THREE,
        "title_four": TITLE_FOUR,
        "header_note": HEADER_NOTE,
        "applicant_heading": APPLICANT_HEADING,
        "org_heading": ORG_HEADING,
        "column_labels": COLUMN_LABELS,
        "three": three,
        "three_rows": [
            (entry.labels, three.cells[entry.row.key], entry.row) for entry in table_three_layout()
        ],
        "three_checks": [*three.checks, carry],
        "three_failed": [c for c in [*three.checks, carry] if not c.ok],
        "four": four,
        "four_groups": [GROUP_LABELS[g] for g in GROUPS],
        "litigation_heading": LITIGATION_HEADING,
        "cell_labels": CELL_LABELS,
        "four_cells": four.flat(),
        "stats": stats,
        "timeliness": [(TIMELINESS_LABELS[k], n) for k, n in stats.timeliness],
        "months": list(enumerate(stats.by_month, start=1)),
        "show_cases": can_see_cases(user),
        "due": due,
        "due_rule": due_rule,
        "query": request.GET.urlencode(),
    }
    return render(request, "disclosure/reports/report.html", context)


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    _user, scope = _scope(request)
    three = compute_table_three(scope)
    four = compute_table_four(scope)
    stem = f"disclosure-report-{scope.unit.code}-{scope.year}{'-all' if scope.include_subunits else ''}"
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(three, four), content_type=XLSX_CONTENT_TYPE)
    elif fmt == "csv":
        response = HttpResponse("\ufeff" + csv_text(three, four), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("不支持的格式。")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
