"""Parser of the seed notice 苏府办〔2018〕193号 and its implementation-plan table.

The text parsed here is ``gongkai/demo/data/suzhou_2018_193.txt``, a byte-identical copy of
``shared/seed/000_781f99e09964eda0.txt``: the Suzhou municipal government office's notice issuing the
"苏州市2018年政务公开工作要点实施方案", converted from print. It is carried inside the package so that
the demo loader works without ``shared/``.

What the conversion did to the text, and what the parser undoes:

- line wraps inside a printed cell became spaces (``高质量 推进政 务公开``, ``市政府办 公室``) and the
  converter put spaces between Chinese and digits (``苏州市 2018 年``): whitespace next to a
  non-ASCII character is removed;
- table rows are tab-separated; cells spanning several rows (目标, 任务) are empty on the later rows;
- a few rows lost their leading empty columns and start with the 主要内容 cell;
- a paragraph of the notice broke in the middle of a sentence (``全面落`` / ``实党中央``); such pieces,
  and table rows that only continue the previous row's cells, are joined again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from importlib import resources

SEED_RESOURCE = "data/suzhou_2018_193.txt"

TABLE_HEADER = ("目标", "任务", "主要内容", "牵头单位", "责任单位")
NUMERALS = "一二三四五六七八九十"

_GOAL_RE = re.compile(rf"^([{NUMERALS}]+)、(.+)$")
_TASK_RE = re.compile(rf"^[（(]([{NUMERALS}]+)[)）](.+)$")
_DOC_NUMBER_RE = re.compile(r"^\S+〔\d{4}〕\d+号$")
_DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_DISCLOSURE_RE = re.compile(r"^[（(]此件(.+)[)）]$")
_UNIT_SEPARATORS_RE = re.compile(r"[、，,；;]")
# A sentence-final character: a piece of text ending otherwise was cut by a line wrap.
_TERMINAL = tuple("。；！？：”’）)")
# Shorter lines (signatures, dates) legitimately end without punctuation.
_MIN_WRAPPED_PARAGRAPH = 30

DISCLOSURE_LABELS = {
    "公开发布": "主动公开",
    "主动公开": "主动公开",
    "依申请公开": "依申请公开",
    "不予公开": "不予公开",
}


class SeedFormatError(ValueError):
    """The text does not have the shape of the seed notice."""


@dataclass(frozen=True)
class PlanItem:
    """One row of the plan table: a 主要内容 with its 牵头单位 and 责任单位."""

    number: int
    text: str
    lead_text: str
    responsible_text: str
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]
    line: int

    def render(self, local_number: int) -> str:
        """The item as a readable paragraph of the document body."""
        units = [f"牵头单位：{'、'.join(self.lead_units)}"] if self.lead_units else []
        if self.responsible_units:
            units.append(f"责任单位：{'、'.join(self.responsible_units)}")
        suffix = f"（{'；'.join(units)}）" if units else ""
        return f"{local_number}.{self.text}{suffix}"


@dataclass(frozen=True)
class PlanTask:
    """A 任务, numbered (一) … (十三) across the whole plan."""

    number: int
    numeral: str
    name: str
    cell: str
    items: tuple[PlanItem, ...]

    @property
    def label(self) -> str:
        return f"（{self.numeral}）{self.name}"


@dataclass(frozen=True)
class PlanGoal:
    """A 目标 (一、 二、 三、) with its tasks."""

    number: int
    numeral: str
    name: str
    cell: str
    tasks: tuple[PlanTask, ...]

    @property
    def label(self) -> str:
        return f"{self.numeral}、{self.name}"


@dataclass(frozen=True)
class SeedDocument:
    """The notice's metadata, its body as clean paragraphs and the plan table as data."""

    title: str
    doc_number: str
    issuer: str
    date_written: dt.date
    disclosure: str
    disclosure_note: str
    addressees: str
    notice_paragraphs: tuple[str, ...]
    plan_title: str
    goals: tuple[PlanGoal, ...]
    paragraphs: tuple[str, ...] = field(repr=False)

    @property
    def tasks(self) -> list[PlanTask]:
        return [task for goal in self.goals for task in goal.tasks]

    @property
    def items(self) -> list[PlanItem]:
        return [item for task in self.tasks for item in task.items]

    @property
    def body(self) -> str:
        """The full text for the document's 正文, one paragraph per line."""
        return "\n".join(self.paragraphs)

    def unit_names(self) -> list[str]:
        """Every distinct name in the 牵头单位/责任单位 columns, in order of first appearance."""
        names: dict[str, None] = {}
        for item in self.items:
            for name in (*item.lead_units, *item.responsible_units):
                names.setdefault(name)
        return list(names)


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}


def squash(text: str) -> str:
    """Undo the print conversion's damage to one line or cell of Chinese text.

    Whitespace next to a Chinese character goes (it came from wrapped lines or from spacing around
    digits), whitespace between Latin words stays; half-width , ; : ( ) touching Chinese text become
    the full-width marks the original used.
    """
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)
    return re.sub(
        r"(?<=[^\x00-\x7f])[,;:()]|[,;:()](?=[^\x00-\x7f])", lambda m: _HALF_TO_FULL[m.group(0)], text
    )


def split_units(cell: str) -> tuple[str, ...]:
    """The unit names in a 牵头单位/责任单位 cell.

    Names are separated by 、 ， , or spaces; a space inside a name is a wrapped line (``市政府办 公室``).
    Abbreviations after a ``市…`` name inherit its prefix, as printed:
    ``市发改委、经信委`` → 市发改委, 市经信委.
    Brackets are normalised to full-width: ``各市(区)`` → 各市（区）.
    """
    cell = cell.replace("(", "（").replace(")", "）")
    names: list[str] = []
    for piece in _UNIT_SEPARATORS_RE.split(cell):
        tokens = piece.split()
        if not tokens:
            continue
        if len(tokens) > 1 and all(_looks_like_unit(t) for t in tokens):
            names.extend(tokens)
        else:
            names.append("".join(tokens))
    result: list[str] = []
    for name in names:
        if (
            result
            and result[-1].startswith("市")
            and not name.startswith(("市", "各", "苏州", "中共", "江苏"))
        ):
            name = "市" + name
        result.append(name)
    return tuple(result)


def _looks_like_unit(token: str) -> bool:
    return len(token) >= 3 and token.startswith(("市", "各", "苏州"))


def seed_text() -> str:
    """The seed notice as carried in the package."""
    return resources.files("gongkai.demo").joinpath(SEED_RESOURCE).read_text(encoding="utf-8")


def load_seed() -> SeedDocument:
    """Parse the packaged seed notice."""
    return parse_seed(seed_text())


def parse_seed(text: str) -> SeedDocument:
    """Parse the converted text of 苏府办〔2018〕193号 into metadata, paragraphs and the plan table."""
    lines = text.split("\n")
    headings = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if len(headings) < 2:
        raise SeedFormatError("找不到通知标题和实施方案标题。")
    notice_start, plan_start = headings[0], headings[1]
    front = [
        squash(line.lstrip("#")) for line in lines[:notice_start] if line.strip() and line.strip() != "---"
    ]
    doc_number = next((line for line in front if _DOC_NUMBER_RE.match(line)), "")
    if not doc_number:
        raise SeedFormatError("找不到发文字号。")
    title = squash(lines[notice_start][3:])
    plan_title = squash(lines[plan_start][3:])

    notice_paragraphs = _join_wrapped(
        [squash(line) for line in lines[notice_start + 1 : plan_start] if line.strip()]
    )
    date_index = next((i for i, p in enumerate(notice_paragraphs) if _DATE_RE.match(p)), None)
    if date_index is None or date_index == 0:
        raise SeedFormatError("找不到落款和成文日期。")
    m = _DATE_RE.match(notice_paragraphs[date_index])
    assert m is not None
    date_written = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    issuer = notice_paragraphs[date_index - 1]
    disclosure_note, disclosure = "", ""
    for paragraph in notice_paragraphs[date_index + 1 :]:
        dm = _DISCLOSURE_RE.match(paragraph)
        if dm:
            disclosure_note = f"此件{dm.group(1)}"
            disclosure = DISCLOSURE_LABELS.get(dm.group(1), "")
    addressees = next((p for p in notice_paragraphs if p.endswith("：")), "")

    goals = _parse_table(lines, plan_start + 1)
    paragraphs = [*notice_paragraphs, plan_title]
    for goal in goals:
        paragraphs.append(goal.label)
        for task in goal.tasks:
            paragraphs.append(task.label)
            paragraphs.extend(item.render(n) for n, item in enumerate(task.items, start=1))
    return SeedDocument(
        title=title,
        doc_number=doc_number,
        issuer=issuer,
        date_written=date_written,
        disclosure=disclosure,
        disclosure_note=disclosure_note,
        addressees=addressees,
        notice_paragraphs=tuple(notice_paragraphs),
        plan_title=plan_title,
        goals=goals,
        paragraphs=tuple(paragraphs),
    )


def _is_cut(text: str) -> bool:
    return bool(text) and not text.endswith(_TERMINAL)


def _join_wrapped(paragraphs: list[str]) -> list[str]:
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and len(joined[-1]) >= _MIN_WRAPPED_PARAGRAPH and _is_cut(joined[-1]):
            joined[-1] += paragraph
        else:
            joined.append(paragraph)
    return joined


@dataclass
class _Row:
    goal: str
    task: str
    content: str
    lead: str
    responsible: str


def _split_row(line: str, line_number: int) -> _Row:
    # Unit cells keep their (collapsed) spaces: split_units tells a wrap inside a name from a separator.
    raw = [" ".join(c.split()) for c in line.split("\t")]
    cells = [squash(c) for c in raw]
    goal = task = ""
    i = 0
    if _GOAL_RE.match(cells[0]):
        goal, i = cells[0], 1
    elif cells[0] == "":
        i = 1
    elif not _TASK_RE.match(cells[0]):
        # The row lost its empty 目标/任务 columns: 主要内容 first, then the unit cells in order.
        rest = [c for c in raw[1:] if c]
        if len(rest) > 2:
            raise SeedFormatError(f"第{line_number}行的单元格多于表头。")
        rest += [""] * (2 - len(rest))
        return _Row("", "", cells[0], rest[0], rest[1])
    if i < len(cells) and _TASK_RE.match(cells[i]):
        task, i = cells[i], i + 1
    elif i < len(cells) and cells[i] == "":
        i += 1
    raw += [""] * (i + 3 - len(raw))
    if any(raw[i + 3 :]):
        raise SeedFormatError(f"第{line_number}行的单元格多于表头。")
    return _Row(goal, task, squash(raw[i]), raw[i + 1], raw[i + 2])


@dataclass
class _RawItem:
    text: str
    lead: str
    responsible: str
    line: int


@dataclass
class _RawTask:
    cell: str
    items: list[_RawItem] = field(default_factory=list)


@dataclass
class _RawGoal:
    cell: str
    tasks: list[_RawTask] = field(default_factory=list)


def _current_task(goals: list[_RawGoal], line_number: int) -> _RawTask:
    if not goals or not goals[-1].tasks:
        raise SeedFormatError(f"第{line_number}行的主要内容前没有目标和任务。")
    return goals[-1].tasks[-1]


def _previous_item(goals: list[_RawGoal], line_number: int) -> _RawItem:
    items = _current_task(goals, line_number).items
    if not items:
        raise SeedFormatError(f"第{line_number}行是续行，但前面没有主要内容。")
    return items[-1]


def _parse_table(lines: list[str], start: int) -> tuple[PlanGoal, ...]:
    goals: list[_RawGoal] = []
    for index in range(start, len(lines)):
        line_number = index + 1
        raw = lines[index]
        if not raw.strip():
            continue
        if "\t" not in raw:
            # A wrapped piece of the previous row's 主要内容 that the conversion did not align.
            _previous_item(goals, line_number).text += squash(raw)
            continue
        if tuple(squash(c) for c in raw.split("\t") if c.strip()) == TABLE_HEADER:
            continue
        row = _split_row(raw, line_number)
        if row.goal:
            goals.append(_RawGoal(row.goal))
        if row.task:
            if not goals:
                raise SeedFormatError(f"第{line_number}行的任务前没有目标。")
            goals[-1].tasks.append(_RawTask(row.task))
        items = _current_task(goals, line_number).items
        if row.content and (not items or not _is_cut(items[-1].text)):
            items.append(_RawItem(row.content, row.lead, row.responsible, line_number))
            continue
        # A continuation row: cells wrapped onto this line belong to the item above.
        item = _previous_item(goals, line_number)
        item.text += row.content
        item.lead = _join_units(item.lead, row.lead)
        item.responsible = _join_units(item.responsible, row.responsible)
    return _freeze(goals)


def _join_units(cell: str, more: str) -> str:
    # Joined with a space, which ``split_units`` reads as a wrap inside a name or as a separator.
    if not more:
        return cell
    return f"{cell} {more}" if cell else more


def _numeral_value(numeral: str) -> int:
    # 一 … 十, 十一 … 十九 (the plan has 13 tasks)
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + NUMERALS.index(numeral[1]) + 1
    if len(numeral) == 1:
        return NUMERALS.index(numeral) + 1
    raise SeedFormatError(f"无法识别的序号：{numeral}")


def _freeze(raw_goals: list[_RawGoal]) -> tuple[PlanGoal, ...]:
    goals: list[PlanGoal] = []
    item_number = 0
    for raw_goal in raw_goals:
        gm = _GOAL_RE.match(raw_goal.cell)
        assert gm is not None
        tasks: list[PlanTask] = []
        for raw_task in raw_goal.tasks:
            tm = _TASK_RE.match(raw_task.cell)
            assert tm is not None
            items: list[PlanItem] = []
            for raw in raw_task.items:
                item_number += 1
                items.append(
                    PlanItem(
                        number=item_number,
                        text=raw.text,
                        lead_text=squash(raw.lead),
                        responsible_text=squash(raw.responsible),
                        lead_units=split_units(raw.lead),
                        responsible_units=split_units(raw.responsible),
                        line=raw.line,
                    )
                )
            tasks.append(
                PlanTask(
                    number=_numeral_value(tm.group(1)),
                    numeral=tm.group(1),
                    name=tm.group(2),
                    cell=raw_task.cell,
                    items=tuple(items),
                )
            )
        goals.append(
            PlanGoal(
                number=_numeral_value(gm.group(1)),
                numeral=gm.group(1),
                name=gm.group(2),
                cell=raw_goal.cell,
                tasks=tuple(tasks),
            )
        )
    return tuple(goals)
