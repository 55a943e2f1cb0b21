"""The pasted text format: parsing, line-numbered errors, and formatting back."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.calendars.arrangement import format_arrangement, parse_arrangement
from gongkai.calendars.workdays import HOLIDAY, WORKDAY, DayMark
from gongkai.core.errors import InvalidInput

D = dt.date

SAMPLE = """\
# 2027年部分节假日安排
2027-01-01 元旦 休

2027-02-06~2027-02-12 春节 休
2027-02-14 春节 班
2027-10-01 至 2027-10-07　国庆节　休
2027/9/26 国庆节 上班
"""


def test_parse_sample() -> None:
    result = parse_arrangement(SAMPLE, year=2027)
    assert result.holidays[0] == (D(2027, 1, 1), "元旦")
    assert [d for d, n in result.holidays if n == "春节"] == [D(2027, 2, d) for d in range(6, 13)]
    assert len([1 for _, n in result.holidays if n == "国庆节"]) == 7
    assert result.workdays == [(D(2027, 2, 14), "春节"), (D(2027, 9, 26), "国庆节")]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2027-01-01 元旦", "第1行：格式应为"),
        ("2027-01-01 元旦 假", "第1行：最后一项应为"),
        ("2027-02-30 春节 休", "第1行：日期“2027-02-30”无法识别"),
        ("2027-02-12~2027-02-06 春节 休", "第1行：结束日期早于开始日期"),
        ("2027-01-01 元旦 休\n2027-01-04 元旦 班", "第2行：2027-01-04 不是周六或周日"),
        ("2027-01-01 元旦 休\n\n2027-01-01 元旦 休", "第3行：2027-01-01 已在第1行出现"),
        ("2026-12-31 元旦 休", "第1行：2026-12-31 不在2027年内"),
        ("2027-01-01~2027-03-01 春节 休", "不能超过31天"),
        ("# 只有注释\n\n", "没有读到任何日期"),
    ],
)
def test_parse_errors(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        parse_arrangement(text, year=2027)
    assert fragment in exc.value.message
    assert exc.value.field == "text"


def test_every_bad_line_is_reported() -> None:
    with pytest.raises(InvalidInput) as exc:
        parse_arrangement("坏行\n2027-01-01 元旦 休\n2027-13-01 元旦 休", year=2027)
    assert [e[:4] for e in exc.value.errors["text"]] == ["第1行：", "第3行："]


def test_format_round_trip() -> None:
    marks = {D(2027, 2, d): DayMark(HOLIDAY, "春节") for d in range(6, 13)}
    marks[D(2027, 2, 14)] = DayMark(WORKDAY, "春节")
    marks[D(2027, 1, 1)] = DayMark(HOLIDAY, "元旦")
    text = format_arrangement(marks)
    assert text == "2027-01-01 元旦 休\n2027-02-06~2027-02-12 春节 休\n2027-02-14 春节 班"
    parsed = parse_arrangement(text, year=2027)
    again = {d: DayMark(HOLIDAY, n) for d, n in parsed.holidays} | {
        d: DayMark(WORKDAY, n) for d, n in parsed.workdays
    }
    assert again == marks
