"""The parser of the seed notice 苏府办〔2018〕193号, run on the real converted text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gongkai.demo.catalog import CATALOG, ROOT, resolve_unit_name, resolve_unit_names
from gongkai.demo.seed import (
    TABLE_HEADER,
    SeedDocument,
    SeedFormatError,
    parse_seed,
    seed_text,
    split_units,
    squash,
)
from gongkai.units.services import UNIT_CODE_RE

SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_781f99e09964eda0.txt"


@pytest.fixture(scope="module")
def text() -> str:
    if SHARED_SEED.exists():
        return SHARED_SEED.read_text(encoding="utf-8")
    return seed_text()


@pytest.fixture(scope="module")
def doc(text: str) -> SeedDocument:
    return parse_seed(text)


def test_packaged_copy_is_byte_identical() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("shared/seed is not present")
    from importlib import resources

    packaged = resources.files("gongkai.demo").joinpath("data/suzhou_2018_193.txt").read_bytes()
    assert packaged == SHARED_SEED.read_bytes()


def test_metadata(doc: SeedDocument) -> None:
    assert doc.title == "市政府办公室关于印发苏州市2018年政务公开工作要点实施方案的通知"
    assert doc.doc_number == "苏府办〔2018〕193号"
    assert doc.issuer == "苏州市人民政府办公室"
    assert doc.date_written == dt.date(2018, 6, 29)
    assert doc.disclosure == "主动公开"
    assert doc.disclosure_note == "此件公开发布"
    assert doc.plan_title == "苏州市2018年政务公开工作要点实施方案"
    assert doc.addressees == "各市、区人民政府，苏州工业园区、苏州高新区管委会；市各有关部门和单位："


def test_goals(doc: SeedDocument) -> None:
    assert [(g.number, g.name) for g in doc.goals] == [
        (1, "高质量推进政务公开发布解读回应工作"),
        (2, "着力提升政务服务公开质量和实效"),
        (3, "强化政务公开制度保障和平台支撑"),
    ]
    assert [len(g.tasks) for g in doc.goals] == [4, 4, 5]


def test_tasks(doc: SeedDocument) -> None:
    assert [(t.number, t.label) for t in doc.tasks] == [
        (1, "（一）重大政策要及时向社会发布"),
        (2, "（二）抓好重点领域公开任务的贯彻落实"),
        (3, "（三）量质并举做好政策解读工作"),
        (4, "（四）对群众关切要及时高效回应"),
        (5, "（五）推进网上办事服务公开标准化规范化"),
        (6, "（六）让企业群众到政务大厅办事更明白更便捷"),
        (7, "（七）深化网上办事服务“一号答”"),
        (8, "（八）建立健全公共企事业办事公开制度"),
        (9, "（九）贯彻落实好政府信息公开条例"),
        (10, "（十）高水平完成基层政务公开标准化规范化试点工作"),
        (11, "（十一）持续推进政务公开各项制度建设"),
        (12, "（十二）进一步提升政府网站建设管理水平"),
        (13, "（十三）推动政府公报线上线下融合发展"),
    ]


def test_item_count(doc: SeedDocument) -> None:
    # Counted by hand from the text: one item per table row with a 主要内容 cell.
    assert [len(t.items) for t in doc.tasks] == [7, 5, 3, 4, 4, 5, 3, 2, 1, 2, 3, 5, 1]
    assert len(doc.items) == 45
    assert [i.number for i in doc.items] == list(range(1, 46))
    assert all(item.text.endswith("。") for item in doc.items)


def _item(doc: SeedDocument, line: int):  # type: ignore[no-untyped-def]
    return next(i for i in doc.items if i.line == line)


def test_units_of_specific_items(doc: SeedDocument) -> None:
    first = doc.items[0]
    assert first.text.startswith("及时公开政府全体会和常务会议")
    assert first.lead_units == ("市政府办公室",)
    assert first.responsible_units == ("市各有关部门",)

    # "市发改委、经信委、国土局 …": the abbreviations inherit the 市 prefix.
    building = _item(doc, 38)
    assert building.lead_units == ("市政府办公室", "市发改委")
    assert building.responsible_units == (
        "各市（区）", "市发改委", "市经信委", "市国土局", "市住建局", "市交通局", "市水利局", "市农委",
        "市卫生计生委", "市环保局",
    )  # fmt: skip
    assert _item(doc, 39).responsible_units[-2:] == ("市国税局", "苏州地税局")
    assert _item(doc, 40).responsible_units[:3] == ("各市（区）", "市委农办", "市教育局")

    # Rows that lost their leading empty columns.
    reform = _item(doc, 61)
    assert reform.text.startswith("继续深化“3550”改革")
    assert reform.lead_units == ("市工商局", "市国土资源局", "市住建局")
    assert reform.responsible_units == ("各市（区）",)
    assert doc.tasks[5].items[1].text.startswith("推行“一窗受理、集成服务”模式")

    # "市编办， 市行政审批局" and the wrapped "市政府办 公室".
    assert _item(doc, 58).lead_units == ("市编办", "市行政审批局")
    assert _item(doc, 75).lead_units == ("市政府办公室",)
    assert _item(doc, 76).responsible_units[0] == "市编办"
    assert len(_item(doc, 76).responsible_units) == 11

    # Lead only, no separate responsible units.
    assert _item(doc, 51).lead_units[:2] == ("市教育局", "市民政局")
    assert _item(doc, 51).responsible_units == ()
    assert _item(doc, 69).lead_units == ("市各有关主管部门",)

    # The 苏州工业园区 pilot item names no unit in either column.
    pilot = _item(doc, 77)
    assert pilot.text.startswith("苏州工业园区管委会要对照试点工作任务目标")
    assert (pilot.lead_units, pilot.responsible_units) == ((), ())

    assert doc.items[-1].lead_units == ("市政府办公室", "市政府法制办")


def _table_cells(text: str) -> list[str]:
    lines = text.split("\n")
    start = [i for i, line in enumerate(lines) if line.startswith("## ")][1] + 1
    cells = []
    for line in lines[start:]:
        for cell in line.split("\t"):
            if cell.strip() and squash(cell) not in TABLE_HEADER:
                cells.append(squash(cell))
    return cells


def test_no_cell_text_lost(doc: SeedDocument, text: str) -> None:
    parsed: list[str] = []
    for goal in doc.goals:
        parsed.append(goal.cell)
        for task in goal.tasks:
            parsed.append(task.cell)
            for item in task.items:
                parsed.extend(c for c in (item.text, item.lead_text, item.responsible_text) if c)
    source = _table_cells(text)
    assert set(source) <= set(parsed)
    # Nothing duplicated or invented either: the same characters, counted.
    assert sorted("".join(source)) == sorted("".join(parsed))


def test_body_is_clean_paragraphs(doc: SeedDocument) -> None:
    body = doc.body
    assert "\t" not in body
    assert not re.search(r"[\u4e00-\u9fff] | [\u4e00-\u9fff]", body)
    # The notice paragraph the conversion broke mid-sentence is whole again.
    assert "全面落实党中央、国务院和省委、省政府关于推进政务公开工作的系列部署" in body
    assert "在本实施方案公布后30个工作日内" in body
    assert doc.paragraphs[:1] == (doc.addressees,)
    expected = [
        "苏州市人民政府办公室",
        "2018年6月29日",
        "（此件公开发布）",
        "（十三）推动政府公报线上线下融合发展",
    ]
    expected.append("一、高质量推进政务公开发布解读回应工作")
    for needle in expected:
        assert needle in doc.paragraphs
    assert "（牵头单位：市政府办公室、市发改委；责任单位：各市（区）、市发改委、市经信委" in body
    assert len(doc.paragraphs) == len(doc.notice_paragraphs) + 1 + 3 + 13 + 45


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("市政府办 公室", ("市政府办公室",)),
        ("市编办， 市行政审批局", ("市编办", "市行政审批局")),
        ("市编办 市行政审批局", ("市编办", "市行政审批局")),
        ("各市(区),市各有关部门", ("各市（区）", "市各有关部门")),
        ("市工商局、国土资源局、住建局", ("市工商局", "市国土资源局", "市住建局")),
        ("市国税局、苏州地税局", ("市国税局", "苏州地税局")),
        ("", ()),
    ],
)
def test_split_units(cell: str, expected: tuple[str, ...]) -> None:
    assert split_units(cell) == expected


def test_squash() -> None:
    assert squash("苏州市 2018 年 政务公开") == "苏州市2018年政务公开"
    assert squash("(一) 重大政策 要及时向 社会发布") == "（一）重大政策要及时向社会发布"
    assert squash("部署,切实抓好") == "部署，切实抓好"
    assert squash("互联网协议第六版（IPv6）") == "互联网协议第六版（IPv6）"
    assert squash("Windows 10 系统") == "Windows 10系统"


SMALL = """# 苏州市人民政府办公室文件

苏府办〔2018〕193号

---

## 市政府办公室关于印发某方案的通知

各有关单位：

现印发给你们，请认真贯彻执行。

苏州市人民政府办公室

2018 年 6 月 29 日

（此件公开发布）

## 某方案

目标\t任务\t主要内容\t牵头单位\t责任单位
一、 目标 甲\t(一) 任务 甲\t第一项内容被折行，\t市政府办\t市各有关部门
\t\t续在下一行。\t公室\t
没有制表符的续行也要并入。
\t\t第二项内容。\t市财政局 市审批局\t各市(区),市发改委、
\t\t\t\t经信委
二、目标乙\t（二）任务乙\t第三项内容。\t市行政审批局\t
"""


def test_wrapped_cells_are_joined() -> None:
    doc = parse_seed(SMALL)
    assert [g.name for g in doc.goals] == ["目标甲", "目标乙"]
    assert [t.label for t in doc.tasks] == ["（一）任务甲", "（二）任务乙"]
    first, second, third = doc.items
    assert first.text == "第一项内容被折行，续在下一行。没有制表符的续行也要并入。"
    assert first.lead_units == ("市政府办公室",)
    assert second.lead_units == ("市财政局", "市审批局")
    assert second.responsible_units == ("各市（区）", "市发改委", "市经信委")
    assert third.lead_units == ("市行政审批局",)
    assert doc.disclosure == "主动公开"


def test_malformed_text_is_refused() -> None:
    with pytest.raises(SeedFormatError):
        parse_seed("no headings at all")
    with pytest.raises(SeedFormatError):
        parse_seed(SMALL.replace("一、 目标 甲\t(一) 任务 甲\t", "\t\t"))


def test_every_plan_unit_is_in_the_catalog(doc: SeedDocument) -> None:
    specs = resolve_unit_names(doc.unit_names())
    # The catalog holds exactly the root and the units the plan names (with 各市（区） expanded).
    assert {s.code for s in specs} | {ROOT.code} == {s.code for s in CATALOG}
    assert resolve_unit_name("市各有关部门") == ()
    assert len(resolve_unit_name("各市(区)")) == 10
    assert resolve_unit_name("各市（区）政府（管委会）") == resolve_unit_name("各市（区）")
    (office,) = resolve_unit_name("市政府办公室")
    assert (office.name, office.short_name) == ("苏州市人民政府办公室", "市政府办公室")
    (staffing,) = resolve_unit_name("市编办")
    assert staffing.name == "苏州市机构编制委员会办公室"
    assert resolve_unit_name("市国土资源局") == resolve_unit_name("市国土局")


def test_catalog_codes() -> None:
    codes = [s.code for s in CATALOG]
    assert len(codes) == len(set(codes))
    assert all(UNIT_CODE_RE.match(c) and c.startswith("SZ") and len(c) == 9 for c in codes)
    names = [s.name for s in CATALOG]
    assert len(names) == len(set(names))
    assert {s.name for s in CATALOG if s.kind == "district_gov"} == {
        "张家港市人民政府", "常熟市人民政府", "太仓市人民政府", "昆山市人民政府", "苏州市吴江区人民政府",
        "苏州市吴中区人民政府", "苏州市相城区人民政府", "苏州市姑苏区人民政府", "苏州工业园区管理委员会",
        "苏州高新技术产业开发区管理委员会",
    }  # fmt: skip
