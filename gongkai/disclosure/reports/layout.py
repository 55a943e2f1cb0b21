"""The printed layout of tables 三 and 四, shared by the page, the .xlsx and the terminal.

Table 三 has three label columns: 一、二、四 span all three; 三、本年度办理结果 stands in the first
column beside its 22 data rows; （一）（二）（七） span the second and third; the group labels
（三）–（六） stand in the second column beside their numbered sub-rows, which sit in the third.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.disclosure.reports.table_three import DATA_ROWS, ROWS, RowSpec

TITLE_THREE = "三、收到和处理政府信息公开申请情况"
TITLE_FOUR = "四、政府信息公开行政复议、行政诉讼情况"


@dataclass(frozen=True)
class LabelCell:
    text: str
    column: int  # 0, 1 or 2: the label column it starts in
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class LayoutRow:
    row: RowSpec
    labels: tuple[LabelCell, ...]


def table_three_layout() -> list[LayoutRow]:
    """One entry per data row (25), with the label cells that start on it."""
    result_rows = [r for r in DATA_ROWS if r.level > 0]
    group_sizes: dict[str, int] = {}
    for r in ROWS:
        if r.level == 2:
            group_sizes[r.reply_type] = group_sizes.get(r.reply_type, 0) + 1
    out: list[LayoutRow] = []
    seen_groups: set[str] = set()
    three_label = next(r.label for r in ROWS if r.level == 0 and not r.is_data)
    group_labels = {r.reply_type: r.label for r in ROWS if r.level == 1 and not r.is_data}
    first_result = True
    for r in DATA_ROWS:
        cells: list[LabelCell] = []
        if r.level == 0:
            cells.append(LabelCell(r.label, 0, colspan=3))
        else:
            if first_result:
                cells.append(LabelCell(three_label, 0, rowspan=len(result_rows)))
                first_result = False
            if r.level == 1:
                cells.append(LabelCell(r.label, 1, colspan=2))
            else:
                if r.reply_type not in seen_groups:
                    seen_groups.add(r.reply_type)
                    cells.append(LabelCell(group_labels[r.reply_type], 1, rowspan=group_sizes[r.reply_type]))
                cells.append(LabelCell(r.label, 2))
        out.append(LayoutRow(r, tuple(cells)))
    return out
