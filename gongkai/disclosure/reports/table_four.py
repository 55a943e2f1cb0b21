"""Table 四 of the annual report: 政府信息公开行政复议、行政诉讼情况 (disclosure-rules.md §2.3).

Counting rule (decision): an appeal (``Appeal`` on a request of the scope) is counted in year Y when
it was filed in Y, or filed earlier and still undecided on 01-01 of Y (carried over, like table 三's
二). Its column is its outcome as of 12-31 of Y: the recorded outcome if decided by then, otherwise
尚未审结. So a case pending at the end of Y shows as 尚未审结 in Y and with its outcome in the year it
is decided; a case filed and decided in the same year is counted once, with its outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from gongkai.disclosure.choices import AppealKind, AppealOutcome
from gongkai.disclosure.models import Appeal
from gongkai.disclosure.reports.scope import ReportScope
from gongkai.disclosure.reports.table_three import Check

GROUPS: tuple[str, ...] = tuple(AppealKind.values)
GROUP_LABELS: dict[str, str] = {
    AppealKind.RECONSIDERATION: "行政复议",
    AppealKind.LITIGATION_DIRECT: "未经复议直接起诉",
    AppealKind.LITIGATION_AFTER_REVIEW: "复议后起诉",
}
LITIGATION_HEADING = "行政诉讼"
OUTCOMES: tuple[str, ...] = (
    AppealOutcome.UPHELD,
    AppealOutcome.CORRECTED,
    AppealOutcome.OTHER,
    AppealOutcome.PENDING,
)
CELL_LABELS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass(frozen=True)
class TableFour:
    """Per group (``AppealKind``): 维持, 纠正, 其他结果, 尚未审结, 总计 — 15 cells in all."""

    scope_label: str
    year: int
    cells: dict[str, tuple[int, int, int, int, int]]
    checks: tuple[Check, ...]

    def flat(self) -> list[int]:
        """The 15 numbers in printed order."""
        return [n for g in GROUPS for n in self.cells[g]]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def appeals_of_year(scope: ReportScope):  # type: ignore[no-untyped-def]
    start, end = dt.date(scope.year, 1, 1), dt.date(scope.year, 12, 31)
    carried = Q(date_filed__lt=start) & (Q(date_decided__isnull=True) | Q(date_decided__gte=start))
    return Appeal.objects.filter(scope.request_filter("request__")).filter(
        Q(date_filed__gte=start, date_filed__lte=end) | carried
    )


def compute_table_four(scope: ReportScope) -> TableFour:
    end = dt.date(scope.year, 12, 31)
    counts = {g: dict.fromkeys(OUTCOMES, 0) for g in GROUPS}
    for kind, outcome, decided in appeals_of_year(scope).values_list("kind", "outcome", "date_decided"):
        if outcome != AppealOutcome.PENDING and (decided is None or decided > end):
            outcome = AppealOutcome.PENDING
        counts[kind][outcome] += 1
    cells = {g: (*(counts[g][o] for o in OUTCOMES), sum(counts[g].values())) for g in GROUPS}
    return TableFour(scope_label=scope.label, year=scope.year, cells=cells, checks=check_table_four(cells))  # type: ignore[arg-type]


def check_table_four(cells: dict[str, tuple[int, ...]]) -> tuple[Check, ...]:
    bad = [GROUP_LABELS[g] for g in GROUPS if cells[g][4] != sum(cells[g][:4])]
    return (
        Check(
            "每组总计等于结果维持、结果纠正、其他结果、尚未审结之和",
            not bad,
            "不相等的组：" + "、".join(bad) if bad else "",
        ),
    )
