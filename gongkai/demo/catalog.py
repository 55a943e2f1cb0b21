"""The demo unit tree: the units named in the seed plan's 牵头单位/责任单位 columns.

Names in the plan are the abbreviations of 2018 (市编办, 市经信委, 市卫生计生委 …); each is expanded to
the unit's full name of that time and kept as ``short_name``. The collective "各市（区）" stands for the
ten county-level governments of Suzhou; "市各有关部门" is a collective and not a unit.

Unit codes are DEMO codes, not real 组织机构代码: ``SZ`` + a two-digit group (``00`` the city government,
``01`` its office and departments, ``02`` county-level governments, ``09`` party organs and vertically
managed offices) + a five-digit serial. They fit the 9-character code format, so 索引号 built from them
look like real ones (``SZ0100001/2018-00001``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from gongkai.core.context import Actor
from gongkai.units.models import Unit, UnitKind
from gongkai.units.services import unit_create


@dataclass(frozen=True)
class UnitSpec:
    """A demo unit: full name, the abbreviation used in the plan, and the 机关代字 of its 发文字号."""

    code: str
    name: str
    short_name: str
    kind: str
    doc_org: str
    place: str = "苏州市"
    aliases: tuple[str, ...] = ()
    sort_order: int = 100


ROOT = UnitSpec("SZ0000001", "苏州市人民政府", "市政府", UnitKind.CITY_GOVERNMENT, "苏府", sort_order=0)


def _dept(
    n: int, name: str, short: str, doc_org: str, *aliases: str, kind: str = UnitKind.CITY_DEPARTMENT
) -> UnitSpec:
    group = "01" if kind == UnitKind.CITY_DEPARTMENT else "09"
    return UnitSpec(
        f"SZ{group}{n:05d}", name, short, kind, doc_org, aliases=aliases, sort_order=n + int(group) * 100
    )


def _county(n: int, name: str, short: str, doc_org: str, place: str) -> UnitSpec:
    return UnitSpec(
        f"SZ02{n:05d}", name, short, UnitKind.DISTRICT_GOVERNMENT, doc_org, place=place, sort_order=200 + n
    )


DEPARTMENTS: tuple[UnitSpec, ...] = (
    _dept(1, "苏州市人民政府办公室", "市政府办公室", "苏府办", "市政府办"),
    _dept(2, "苏州市发展和改革委员会", "市发改委", "苏发改"),
    _dept(3, "苏州市经济和信息化委员会", "市经信委", "苏经信"),
    _dept(4, "苏州市教育局", "市教育局", "苏教"),
    _dept(5, "苏州市民政局", "市民政局", "苏民"),
    _dept(6, "苏州市司法局", "市司法局", "苏司"),
    _dept(7, "苏州市财政局", "市财政局", "苏财"),
    _dept(8, "苏州市人力资源和社会保障局", "市人社局", "苏人社"),
    _dept(9, "苏州市国土资源局", "市国土局", "苏国土资", "市国土资源局"),
    _dept(10, "苏州市规划局", "市规划局", "苏规"),
    _dept(11, "苏州市住房和城乡建设局", "市住建局", "苏住建"),
    _dept(12, "苏州市交通运输局", "市交通局", "苏交"),
    _dept(13, "苏州市水利局", "市水利局", "苏水"),
    _dept(14, "苏州市农业委员会", "市农委", "苏农委"),
    _dept(15, "苏州市商务局", "市商务局", "苏商务"),
    _dept(16, "苏州市文化广电新闻出版局", "市文广新局", "苏文广新"),
    _dept(17, "苏州市卫生和计划生育委员会", "市卫生计生委", "苏卫计"),
    _dept(18, "苏州市审计局", "市审计局", "苏审"),
    _dept(19, "苏州市人民政府国有资产监督管理委员会", "市政府国资委", "苏国资"),
    _dept(20, "苏州市环境保护局", "市环保局", "苏环"),
    _dept(21, "苏州市体育局", "市体育局", "苏体"),
    _dept(22, "苏州市安全生产监督管理局", "市安监局", "苏安监"),
    _dept(23, "苏州市食品药品监督管理局", "市食药监局", "苏食药监"),
    _dept(24, "苏州市工商行政管理局", "市工商局", "苏工商"),
    _dept(25, "苏州市质量技术监督局", "市质监局", "苏质监"),
    _dept(26, "苏州市行政审批局", "市行政审批局", "苏审批"),
    _dept(27, "苏州市人民政府法制办公室", "市政府法制办", "苏府法"),
    # Party organs and vertically managed tax offices: named in the plan, but not government departments.
    _dept(1, "苏州市机构编制委员会办公室", "市编办", "苏编办", kind=UnitKind.OTHER),
    _dept(2, "中共苏州市委农村工作办公室", "市委农办", "苏委农办", kind=UnitKind.OTHER),
    _dept(3, "苏州市国家税务局", "市国税局", "苏国税", kind=UnitKind.OTHER),
    _dept(4, "江苏省苏州地方税务局", "苏州地税局", "苏地税", kind=UnitKind.OTHER),
)

COUNTIES: tuple[UnitSpec, ...] = (
    _county(1, "张家港市人民政府", "张家港市政府", "张政发", "张家港市"),
    _county(2, "常熟市人民政府", "常熟市政府", "常政发", "常熟市"),
    _county(3, "太仓市人民政府", "太仓市政府", "太政发", "太仓市"),
    _county(4, "昆山市人民政府", "昆山市政府", "昆政发", "昆山市"),
    _county(5, "苏州市吴江区人民政府", "吴江区政府", "吴江政发", "吴江区"),
    _county(6, "苏州市吴中区人民政府", "吴中区政府", "吴中政发", "吴中区"),
    _county(7, "苏州市相城区人民政府", "相城区政府", "相政发", "相城区"),
    _county(8, "苏州市姑苏区人民政府", "姑苏区政府", "姑苏政发", "姑苏区"),
    _county(9, "苏州工业园区管理委员会", "苏州工业园区管委会", "苏园管", "苏州工业园区"),
    _county(10, "苏州高新技术产业开发区管理委员会", "苏州高新区管委会", "苏高新管", "苏州高新区"),
)

CATALOG: tuple[UnitSpec, ...] = (ROOT, *DEPARTMENTS, *COUNTIES)

# The plan's collective for the county-level governments, in its spellings.
COUNTIES_COLLECTIVE = frozenset({"各市（区）", "各市（区）政府（管委会）", "各市、区人民政府"})
# Collectives that are not units at all.
NOT_UNITS = frozenset({"市各有关部门", "市各有关主管部门", "市各有关部门和单位"})

_BY_NAME: dict[str, UnitSpec] = {}
for _spec in CATALOG:
    for _alias in (_spec.name, _spec.short_name, *_spec.aliases):
        _BY_NAME[_alias] = _spec


class UnknownUnitName(LookupError):
    """A name in the plan that the demo catalog does not know."""


def spec_by_code(code: str) -> UnitSpec:
    """The catalog entry with this demo code."""
    for spec in CATALOG:
        if spec.code == code:
            return spec
    raise KeyError(code)


def resolve_unit_name(name: str) -> tuple[UnitSpec, ...]:
    """The demo units a plan name stands for: one, the ten counties, or none for a collective."""
    name = name.replace("(", "（").replace(")", "）").replace(" ", "")
    if name in NOT_UNITS:
        return ()
    if name in COUNTIES_COLLECTIVE:
        return COUNTIES
    try:
        return (_BY_NAME[name],)
    except KeyError:
        raise UnknownUnitName(name) from None


def resolve_unit_names(names: Iterable[str]) -> list[UnitSpec]:
    """The distinct units named, in catalog order."""
    found = {spec.code for name in names for spec in resolve_unit_name(name)}
    return [spec for spec in CATALOG if spec.code in found]


@transaction.atomic
def ensure_unit_tree(*, actor: Actor | None = None) -> tuple[dict[str, Unit], int]:
    """Create the demo units that do not exist yet; returns ``({code: unit}, number created)``.

    A unit is found by its demo code, or else by its name under the same parent, so running this
    again, or over a tree that already has 苏州市人民政府, creates nothing twice.
    """
    actor = actor or Actor.system()
    units: dict[str, Unit] = {}
    created = 0
    for spec in CATALOG:
        parent = None if spec is ROOT else units[ROOT.code]
        unit = (
            Unit.objects.filter(code=spec.code).first()
            or Unit.objects.filter(parent=parent, name=spec.name).first()
        )
        if unit is None:
            unit = unit_create(
                actor=actor,
                name=spec.name,
                code=spec.code,
                kind=spec.kind,
                parent=parent,
                short_name=spec.short_name,
                sort_order=spec.sort_order,
            )
            created += 1
        units[spec.code] = unit
    return units, created
