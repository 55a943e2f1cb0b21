"""Table 三 of the annual report: 收到和处理政府信息公开申请情况 (disclosure-rules.md §2.2, 2021 format).

One query groups the scope's requests by applicant kind, organisation kind, reply type and reason,
counting per group the four items of the table (see ``reports/__init__.py`` for the rules); the rest
is arithmetic in Python, so the result is a plain typed structure the page, the exports and the
terminal all print the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from gongkai.disclosure.choices import (
    REASONS_BY_TYPE,
    ApplicantColumn,
    ReplyReason,
    ReplyType,
    applicant_column,
)
from gongkai.disclosure.models import DisclosureRequest
from gongkai.disclosure.reports.scope import ReportScope

HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADING = "申请人情况"
ORG_HEADING = "法人或其他组织"
TOTAL = "总计"
# The six applicant columns in printed order, then 总计 (no subtotal column in the official table).
COLUMN_KEYS: tuple[str, ...] = tuple(ApplicantColumn.values)
COLUMN_LABELS: tuple[str, ...] = (*(str(label) for label in ApplicantColumn.labels), TOTAL)
ORG_COLUMN_KEYS: tuple[str, ...] = COLUMN_KEYS[1:]

NEW = "new"
CARRIED_IN = "carried_in"
TOTAL_DECIDED = "decided_total"
CARRIED_OUT = "carried_out"

_BLOCK_LABELS: dict[str, str] = {
    ReplyType.DISCLOSE: "（一）予以公开",
    ReplyType.PARTIAL: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ReplyType.WITHHOLD: "（三）不予公开",
    ReplyType.CANNOT_PROVIDE: "（四）无法提供",
    ReplyType.NOT_PROCESSED: "（五）不予处理",
    ReplyType.OTHER: "（六）其他处理",
}


@dataclass(frozen=True)
class RowSpec:
    """One printed row. ``key`` is empty for the group labels （三）–（六）, which carry no numbers."""

    key: str
    label: str
    level: int  # 0 = 一 … 四, 1 = （一）…（七）, 2 = numbered sub-rows
    reply_type: str = ""
    reason: str = ""

    @property
    def is_data(self) -> bool:
        return bool(self.key)


def _row_specs() -> tuple[RowSpec, ...]:
    rows = [
        RowSpec(NEW, "一、本年新收政府信息公开申请数量", 0),
        RowSpec(CARRIED_IN, "二、上年结转政府信息公开申请数量", 0),
        RowSpec("", "三、本年度办理结果", 0),
    ]
    for reply_type, reasons in REASONS_BY_TYPE.items():
        block = _BLOCK_LABELS[reply_type]
        if not reasons:
            rows.append(RowSpec(f"{reply_type}", block, 1, reply_type))
            continue
        rows.append(RowSpec("", block, 1, reply_type))
        for n, reason in enumerate(reasons, start=1):
            rows.append(
                RowSpec(f"{reply_type}:{reason}", f"{n}.{ReplyReason(reason).label}", 2, reply_type, reason)
            )
    rows.append(RowSpec(TOTAL_DECIDED, "（七）总计", 1))
    rows.append(RowSpec(CARRIED_OUT, "四、结转下年度继续办理", 0))
    return tuple(rows)


ROWS: tuple[RowSpec, ...] = _row_specs()
DATA_ROWS: tuple[RowSpec, ...] = tuple(r for r in ROWS if r.is_data)
RESULT_ROWS: tuple[RowSpec, ...] = tuple(r for r in DATA_ROWS if r.reply_type)
ROW_LABELS: tuple[str, ...] = tuple(r.label for r in ROWS)


def result_key(reply_type: str, reason: str) -> str:
    return f"{reply_type}:{reason}" if reason else reply_type


@dataclass(frozen=True)
class Check:
    """One consistency rule and whether it holds; ``detail`` names what failed."""

    rule: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class TableThree:
    """Every data row × the seven columns (the last one 总计), keyed by ``RowSpec.key``."""

    scope_label: str
    year: int
    cells: dict[str, tuple[int, ...]]
    checks: tuple[Check, ...] = field(default=())

    def value(self, key: str, column: int = 6) -> int:
        return self.cells[key][column]

    def printed_rows(self) -> list[tuple[RowSpec, tuple[int, ...] | None]]:
        """Each printed row with its seven numbers (``None`` for the label-only rows)."""
        return [(r, self.cells[r.key] if r.is_data else None) for r in ROWS]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def counting_filters(year: int) -> dict[str, Q]:
    """The four items as filters over the base set (see :func:`base_queryset`)."""
    start, end = _year_bounds(year)
    decided_in_year = Q(date_replied__isnull=False, date_replied__lte=end) & ~Q(reply_type="")
    return {
        NEW: Q(date_received__gte=start),
        CARRIED_IN: Q(date_received__lt=start),
        TOTAL_DECIDED: decided_in_year,
        CARRIED_OUT: ~decided_in_year,
    }


def base_queryset(scope: ReportScope):  # type: ignore[no-untyped-def]
    """Received (art. 31) by 12-31 and not decided before 01-01: the requests the year deals with."""
    start, end = _year_bounds(scope.year)
    undecided_before = Q(date_replied__isnull=True) | Q(reply_type="") | Q(date_replied__gte=start)
    return DisclosureRequest.objects.filter(
        scope.request_filter(), date_received__isnull=False, date_received__lte=end
    ).filter(undecided_before)


def compute_table_three(scope: ReportScope) -> TableThree:
    """Table 三 for a unit (optionally with its subtree) and a year."""
    filters = counting_filters(scope.year)
    grouped = (
        base_queryset(scope)
        .order_by()
        .values("applicant_kind", "org_kind", "reply_type", "reply_reason")
        .annotate(**{k: Count("id", filter=q) for k, q in filters.items()})
    )
    col_index = {key: i for i, key in enumerate(COLUMN_KEYS)}
    counts: dict[str, list[int]] = {r.key: [0] * len(COLUMN_KEYS) for r in DATA_ROWS}
    for g in grouped:
        c = col_index[applicant_column(g["applicant_kind"], g["org_kind"])]
        counts[NEW][c] += g[NEW]
        counts[CARRIED_IN][c] += g[CARRIED_IN]
        counts[CARRIED_OUT][c] += g[CARRIED_OUT]
        if g[TOTAL_DECIDED]:
            key = result_key(g["reply_type"], g["reply_reason"])
            if key not in counts:  # a reason outside the table (bad data): keep it visible, under 其他
                key = result_key(ReplyType.OTHER, ReplyReason.OTHER)
            counts[key][c] += g[TOTAL_DECIDED]
    # （七）总计 is the sum of the result rows, by definition of the printed table.
    counts[TOTAL_DECIDED] = [sum(counts[r.key][c] for r in RESULT_ROWS) for c in range(len(COLUMN_KEYS))]
    cells = {key: (*values, sum(values)) for key, values in counts.items()}
    return TableThree(scope_label=scope.label, year=scope.year, cells=cells, checks=check_table_three(cells))


def check_table_three(cells: dict[str, tuple[int, ...]]) -> tuple[Check, ...]:
    """The validation rules of §2.2 (the cross-year rule needs two tables: :func:`check_carry_over`)."""
    checks: list[Check] = []
    bad = [
        COLUMN_LABELS[c]
        for c in range(len(COLUMN_LABELS))
        if cells[NEW][c] + cells[CARRIED_IN][c] != cells[TOTAL_DECIDED][c] + cells[CARRIED_OUT][c]
    ]
    checks.append(
        Check(
            "第一项加第二项之和，等于第三项加第四项之和（每一列）",
            not bad,
            "不相等的列：" + "、".join(bad) if bad else "",
        )
    )
    bad = [
        COLUMN_LABELS[c]
        for c in range(len(COLUMN_LABELS))
        if cells[TOTAL_DECIDED][c] != sum(cells[r.key][c] for r in RESULT_ROWS)
    ]
    checks.append(
        Check(
            "（七）总计等于（一）至（六）各项之和（每一列）",
            not bad,
            "不相等的列：" + "、".join(bad) if bad else "",
        )
    )
    labels = {r.key: r.label for r in DATA_ROWS}
    bad = [labels[key] for key, v in cells.items() if v[-1] != sum(v[:-1])]
    checks.append(
        Check("总计列等于六类申请人之和（每一行）", not bad, "不相等的行：" + "、".join(bad) if bad else "")
    )
    negative = [labels[key] for key, v in cells.items() if any(n < 0 for n in v)]
    checks.append(Check("各项数字均不为负数", not negative, "、".join(negative)))
    return tuple(checks)


def check_carry_over(previous: TableThree, current: TableThree) -> Check:
    """四 of year N equals 二 of year N+1, column by column."""
    a, b = previous.cells[CARRIED_OUT], current.cells[CARRIED_IN]
    bad = [COLUMN_LABELS[c] for c in range(len(COLUMN_LABELS)) if a[c] != b[c]]
    return Check(
        f"{previous.year}年“结转下年度继续办理”等于{current.year}年“上年结转”",
        not bad,
        "不相等的列：" + "、".join(bad) if bad else "",
    )
