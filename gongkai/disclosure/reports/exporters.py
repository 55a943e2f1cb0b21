"""Exports of tables 三 and 四: .xlsx laid out like the national table (merged header cells), CSV,
and plain text for the terminal."""

from __future__ import annotations

import csv
import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gongkai.disclosure.reports.layout import TITLE_FOUR, TITLE_THREE, table_three_layout
from gongkai.disclosure.reports.table_four import (
    CELL_LABELS,
    GROUP_LABELS,
    GROUPS,
    LITIGATION_HEADING,
    TableFour,
)
from gongkai.disclosure.reports.table_three import (
    APPLICANT_HEADING,
    COLUMN_LABELS,
    HEADER_NOTE,
    ORG_HEADING,
    TableThree,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _box(ws, first_row: int, last_row: int, first_col: int, last_col: int) -> None:  # type: ignore[no-untyped-def]
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, min_col=first_col, max_col=last_col):
        for cell in row:
            cell.border = _BORDER


def _put(ws, row: int, col: int, value: object, *, rows: int = 1, cols: int = 1, align: Alignment = _CENTER):  # type: ignore[no-untyped-def]
    cell = ws.cell(row=row, column=col, value=value)
    cell.alignment = align
    if rows > 1 or cols > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)
    return cell


def write_table_three(ws, table: TableThree, top: int = 1) -> int:  # type: ignore[no-untyped-def]
    """Write table 三 from row ``top``; returns the next free row."""
    _put(ws, top, 1, f"{TITLE_THREE}（{table.scope_label}）", cols=10, align=_LEFT).font = Font(bold=True)
    h = top + 1
    _put(ws, h, 1, HEADER_NOTE, rows=3, cols=3)
    _put(ws, h, 4, APPLICANT_HEADING, cols=7)
    _put(ws, h + 1, 4, COLUMN_LABELS[0], rows=2)
    _put(ws, h + 1, 5, ORG_HEADING, cols=5)
    for i, label in enumerate(COLUMN_LABELS[1:6]):
        _put(ws, h + 2, 5 + i, label)
    _put(ws, h + 1, 10, COLUMN_LABELS[6], rows=2)
    r = h + 3
    for entry in table_three_layout():
        for cell in entry.labels:
            _put(ws, r, 1 + cell.column, cell.text, rows=cell.rowspan, cols=cell.colspan, align=_LEFT)
        for i, n in enumerate(table.cells[entry.row.key]):
            _put(ws, r, 4 + i, n)
        r += 1
    _box(ws, h, r - 1, 1, 10)
    return r + 1


def write_table_four(ws, table: TableFour, top: int) -> int:  # type: ignore[no-untyped-def]
    _put(ws, top, 1, f"{TITLE_FOUR}（{table.scope_label}）", cols=15, align=_LEFT).font = Font(bold=True)
    h = top + 1
    _put(ws, h, 1, GROUP_LABELS[GROUPS[0]], rows=2, cols=5)
    _put(ws, h, 6, LITIGATION_HEADING, cols=10)
    _put(ws, h + 1, 6, GROUP_LABELS[GROUPS[1]], cols=5)
    _put(ws, h + 1, 11, GROUP_LABELS[GROUPS[2]], cols=5)
    for g in range(3):
        for i, label in enumerate(CELL_LABELS):
            _put(ws, h + 2, 1 + g * 5 + i, label)
    for i, n in enumerate(table.flat()):
        _put(ws, h + 3, 1 + i, n)
    _box(ws, h, h + 3, 1, 15)
    return h + 5


def xlsx_bytes(three: TableThree, four: TableFour) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "表三 申请情况"
    write_table_three(ws, three)
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 40
    for col in range(4, 11):
        ws.column_dimensions[get_column_letter(col)].width = 11
    ws4 = wb.create_sheet("表四 复议诉讼")
    write_table_four(ws4, four, 1)
    for col in range(1, 16):
        ws4.column_dimensions[get_column_letter(col)].width = 10
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_text(three: TableThree, four: TableFour) -> str:
    """Both tables, one printed row per line (group labels included, without numbers); UTF-8 with BOM
    is added by the view so spreadsheet programs read the Chinese."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([TITLE_THREE, three.scope_label])
    w.writerow([HEADER_NOTE, *COLUMN_LABELS])
    for row, values in three.printed_rows():
        w.writerow([row.label, *(values if values is not None else [""] * len(COLUMN_LABELS))])
    w.writerow([])
    w.writerow([TITLE_FOUR, four.scope_label])
    w.writerow(["", *(f"{GROUP_LABELS[g]}·{c}" for g in GROUPS for c in CELL_LABELS)])
    w.writerow(["", *four.flat()])
    return out.getvalue()


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(s), 0)
    return gap + s if right else s + gap


def text_table_three(table: TableThree, label_width: int = 44) -> str:
    lines = [f"{TITLE_THREE}  {table.scope_label}", HEADER_NOTE]
    lines.append(_pad("", label_width) + "".join(_pad(c, 14, right=True) for c in COLUMN_LABELS))
    for row, values in table.printed_rows():
        label = "  " * row.level + row.label
        if _width(label) > label_width:
            cut = label
            while _width(cut + "…") > label_width:
                cut = cut[:-1]
            label = cut + "…"
        nums = "".join(_pad(str(n), 14, right=True) for n in values) if values is not None else ""
        lines.append(_pad(label, label_width) + nums)
    lines.extend(_check_lines(table.checks))
    return "\n".join(lines)


def text_table_four(table: TableFour) -> str:
    lines = [f"{TITLE_FOUR}  {table.scope_label}"]
    lines.append(_pad("", 18) + "".join(_pad(c, 10, right=True) for c in CELL_LABELS))
    for g in GROUPS:
        name = GROUP_LABELS[g] if g == GROUPS[0] else f"{LITIGATION_HEADING}·{GROUP_LABELS[g]}"
        lines.append(_pad(name, 18) + "".join(_pad(str(n), 10, right=True) for n in table.cells[g]))
    lines.extend(_check_lines(table.checks))
    return "\n".join(lines)


def _check_lines(checks) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{'✓' if c.ok else '✗'} {c.rule}{'：' + c.detail if c.detail else ''}" for c in checks]
