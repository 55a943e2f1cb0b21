"""Synthetic government documents for demos and load tests, always marked ``is_synthetic``.

Titles, bodies and metadata are assembled from government phrasing templates and domain vocabulary,
spread over the units, 主题分类, 文种 and the years 2015–2026. Everything is drawn from one seeded
``random.Random``, so a seed and the starting database give the same documents every time.

Two ways to write them: :func:`generate_documents` inserts in bulk with the 索引号 precomputed (for
hundreds of thousands of rows), and ``load_demo`` sends a handful through the ordinary import service.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.db.models import Max
from tqdm import tqdm

from gongkai.core.clock import CHINA_TZ, Clock, china_date, get_clock
from gongkai.demo.catalog import CATALOG
from gongkai.documents.choices import Disclosure, DisclosureMethod, Status, Validity, topic_code_for
from gongkai.documents.models import Document, IndexSequence
from gongkai.units.models import Unit, UnitKind

FIRST_YEAR = 2015
LAST_YEAR = 2026
MAX_SERIAL = 99_999  # the 索引号 serial has five digits


@dataclass(frozen=True)
class Theme:
    """A policy field: its 主题分类, the subjects documents are about and the law they cite."""

    key: str
    topic_label: str
    subjects: tuple[str, ...]
    keyword: str
    basis: str

    @cached_property
    def topic(self) -> str:
        """The 主题分类 code."""
        code = topic_code_for(self.topic_label)
        if code is None:
            raise ValueError(f"unknown topic {self.topic_label}")
        return code


THEMES: tuple[Theme, ...] = (
    Theme(
        "gongkai",
        "综合政务\\政务公开",
        (
            "政务公开",
            "政府信息公开",
            "基层政务公开标准化规范化",
            "政务公开事项目录",
            "政策解读和回应关切",
        ),
        "政务公开",
        "《中华人民共和国政府信息公开条例》",
    ),
    Theme(
        "egov",
        "综合政务\\电子政务",
        ("政府网站集约化", "政务数据共享", "政务新媒体管理", "一体化政务服务平台"),
        "电子政务",
        "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》",
    ),
    Theme(
        "approval",
        "综合政务\\其他",
        (
            "行政审批制度改革",
            "“不见面审批”",
            "工程建设项目审批制度改革",
            "证明事项告知承诺制",
            "政务服务“一网通办”",
        ),
        "行政审批",
        "《中华人民共和国行政许可法》",
    ),
    Theme(
        "emergency",
        "综合政务\\应急管理",
        ("突发事件应急预案", "防汛防台", "应急物资储备"),
        "应急管理",
        "《中华人民共和国突发事件应对法》",
    ),
    Theme(
        "pension",
        "劳动、人事、监察\\社会保障",
        ("城乡居民基本养老保险", "企业职工基本养老保险", "失业保险稳岗返还", "工伤保险", "社会保险费征缴"),
        "社会保险",
        "《中华人民共和国社会保险法》",
    ),
    Theme(
        "jobs",
        "劳动、人事、监察\\劳动就业",
        ("高校毕业生就业创业", "职业技能提升", "根治欠薪"),
        "就业创业",
        "《中华人民共和国就业促进法》",
    ),
    Theme(
        "housing",
        "城乡建设、环境保护\\城乡建设（含住房）",
        ("住房公积金缴存", "住房公积金贷款", "保障性租赁住房", "老旧小区改造", "住宅物业管理"),
        "住房保障",
        "《住房公积金管理条例》",
    ),
    Theme(
        "school",
        "科技、教育\\教育",
        ("义务教育阶段学校招生入学", "中小学课后服务", "学前教育", "义务教育学校教师交流轮岗", "职业教育"),
        "义务教育",
        "《中华人民共和国义务教育法》",
    ),
    Theme(
        "health",
        "卫生、体育\\卫生",
        ("城乡居民基本医疗保险", "医疗救助", "家庭医生签约服务", "基本公共卫生服务", "门诊慢特病保障"),
        "医疗保障",
        "《医疗保障基金使用监督管理条例》",
    ),
    Theme(
        "finance",
        "财政、金融、审计\\财政",
        ("部门预算公开", "政府采购", "财政专项资金管理", "地方政府债务管理", "预算绩效管理"),
        "财政预决算",
        "《中华人民共和国预算法》",
    ),
    Theme(
        "audit",
        "财政、金融、审计\\审计",
        ("审计整改", "经济责任审计"),
        "审计监督",
        "《中华人民共和国审计法》",
    ),
    Theme(
        "tax",
        "财政、金融、审计\\税务",
        ("减税降费", "个人所得税汇算清缴", "增值税留抵退税"),
        "税收征管",
        "《中华人民共和国税收征收管理法》",
    ),
    Theme(
        "environment",
        "城乡建设、环境保护\\环境监测、保护与治理",
        ("大气污染防治", "太湖水环境综合治理", "土壤污染防治", "建设项目环境影响评价", "生活垃圾分类"),
        "生态环境",
        "《中华人民共和国环境保护法》",
    ),
    Theme(
        "safety",
        "市场监管、安全生产监管\\安全生产监管",
        ("危险化学品安全", "安全生产大检查", "安全生产责任制", "消防安全"),
        "安全生产",
        "《中华人民共和国安全生产法》",
    ),
    Theme(
        "food",
        "市场监管、安全生产监管\\食品药品监管",
        ("食品安全监督抽检", "药品安全", "校园食品安全"),
        "食品药品安全",
        "《中华人民共和国食品安全法》",
    ),
    Theme(
        "market",
        "市场监管、安全生产监管\\工商",
        ("“双随机、一公开”监管", "企业信用信息公示", "商事制度改革", "个体工商户登记"),
        "市场监管",
        "《企业信息公示暂行条例》",
    ),
    Theme(
        "quality",
        "市场监管、安全生产监管\\质量监督",
        ("产品质量监督抽查", "特种设备安全", "标准化"),
        "质量监督",
        "《中华人民共和国产品质量法》",
    ),
    Theme(
        "transport",
        "工业、交通\\公路",
        ("城市公共交通", "农村公路", "轨道交通建设", "交通运输安全"),
        "交通运输",
        "《中华人民共和国公路法》",
    ),
    Theme(
        "water",
        "农业、林业、水利\\水利",
        ("防汛防旱", "河长制", "农村水利工程", "水资源管理"),
        "水利",
        "《中华人民共和国水法》",
    ),
    Theme(
        "farming",
        "农业、林业、水利\\农业、畜牧业、渔业",
        ("高标准农田建设", "农业产业化经营", "美丽乡村建设", "长江禁捕退捕"),
        "农业农村",
        "《中华人民共和国农业法》",
    ),
    Theme(
        "welfare",
        "民政、扶贫、救灾\\社会福利",
        ("最低生活保障", "养老服务体系", "残疾人两项补贴", "困境儿童保障"),
        "社会救助",
        "《社会救助暂行办法》",
    ),
    Theme(
        "disaster",
        "民政、扶贫、救灾\\减灾救灾",
        ("自然灾害救助", "防灾减灾"),
        "减灾救灾",
        "《自然灾害救助条例》",
    ),
    Theme(
        "culture",
        "文化、广电、新闻出版\\文化",
        ("公共文化服务体系", "非物质文化遗产保护", "江南文化品牌"),
        "公共文化",
        "《中华人民共和国公共文化服务保障法》",
    ),
    Theme(
        "heritage",
        "文化、广电、新闻出版\\文物",
        ("古城保护", "文物保护单位", "大运河文化带"),
        "文物保护",
        "《中华人民共和国文物保护法》",
    ),
    Theme("sport", "卫生、体育\\体育", ("全民健身", "公共体育设施", "体育赛事"), "体育", "《全民健身条例》"),
    Theme(
        "land",
        "国土资源、能源\\土地",
        ("国有建设用地使用权出让", "土地征收", "耕地保护", "不动产登记"),
        "自然资源",
        "《中华人民共和国土地管理法》",
    ),
    Theme(
        "planning",
        "城乡建设、环境保护\\城市规划",
        ("国土空间规划", "控制性详细规划", "历史文化名城保护规划"),
        "城乡规划",
        "《中华人民共和国城乡规划法》",
    ),
    Theme(
        "trade",
        "商贸、海关、旅游\\对外经贸合作",
        ("外贸稳增长", "利用外资", "跨境电子商务"),
        "开放型经济",
        "《中华人民共和国外商投资法》",
    ),
    Theme(
        "commerce",
        "商贸、海关、旅游\\国内贸易（含供销）",
        ("商贸流通", "夜间经济", "促进消费"),
        "商贸流通",
        "《国务院办公厅关于加快发展流通促进商业消费的意见》",
    ),
    Theme(
        "tourism",
        "商贸、海关、旅游\\旅游",
        ("全域旅游", "文旅融合发展"),
        "文化旅游",
        "《中华人民共和国旅游法》",
    ),
    Theme(
        "industry",
        "工业、交通\\信息产业（含电信）",
        ("智能制造", "工业互联网", "5G网络建设", "数字经济"),
        "工业经济",
        "《江苏省推进制造业智能化改造和数字化转型的若干政策措施》",
    ),
    Theme(
        "economy",
        "国民经济管理、国有资产监管\\宏观经济",
        ("国民经济和社会发展计划", "营商环境优化"),
        "经济运行",
        "《优化营商环境条例》",
    ),
    Theme(
        "projects",
        "国民经济管理、国有资产监管\\重大建设项目",
        ("重大项目建设", "政府投资项目管理"),
        "重大项目",
        "《政府投资条例》",
    ),
    Theme(
        "stateassets",
        "国民经济管理、国有资产监管\\国有资产监管",
        ("市属国有企业改革", "国有资产监督管理"),
        "国资监管",
        "《企业国有资产监督管理暂行条例》",
    ),
    Theme(
        "justice",
        "公安、安全、司法\\司法",
        ("公共法律服务", "法治政府建设", "人民调解", "行政复议"),
        "法治建设",
        "《法治政府建设实施纲要》",
    ),
    Theme("staffing", "综合政务\\其他", ("权责清单", "机构编制管理"), "机构编制", "《机构编制管理条例》"),
)
_THEMES = {t.key: t for t in THEMES}

# Themes each demo unit mostly writes about (by demo code, see catalog.py); others draw from all.
UNIT_THEMES: dict[str, tuple[str, ...]] = {
    "SZ0100001": ("gongkai", "egov", "emergency", "approval"),
    "SZ0100002": ("economy", "projects"),
    "SZ0100003": ("industry",),
    "SZ0100004": ("school",),
    "SZ0100005": ("welfare", "disaster"),
    "SZ0100006": ("justice",),
    "SZ0100007": ("finance",),
    "SZ0100008": ("pension", "jobs"),
    "SZ0100009": ("land",),
    "SZ0100010": ("planning",),
    "SZ0100011": ("housing",),
    "SZ0100012": ("transport",),
    "SZ0100013": ("water",),
    "SZ0100014": ("farming",),
    "SZ0100015": ("trade", "commerce"),
    "SZ0100016": ("culture", "heritage", "tourism"),
    "SZ0100017": ("health",),
    "SZ0100018": ("audit",),
    "SZ0100019": ("stateassets",),
    "SZ0100020": ("environment",),
    "SZ0100021": ("sport",),
    "SZ0100022": ("safety",),
    "SZ0100023": ("food",),
    "SZ0100024": ("market",),
    "SZ0100025": ("quality",),
    "SZ0100026": ("approval", "egov"),
    "SZ0100027": ("justice",),
    "SZ0900001": ("staffing",),
    "SZ0900002": ("farming",),
    "SZ0900003": ("tax",),
    "SZ0900004": ("tax",),
}

PLACES = (
    "姑苏区",
    "吴中区",
    "相城区",
    "吴江区",
    "虎丘区",
    "苏州工业园区",
    "苏州高新区",
    "张家港市",
    "常熟市",
    "太仓市",
    "昆山市",
)
TOWNS = (
    "木渎镇",
    "甪直镇",
    "周庄镇",
    "同里镇",
    "震泽镇",
    "千灯镇",
    "沙溪镇",
    "凤凰镇",
    "光福镇",
    "东山镇",
    "黄埭镇",
    "平望镇",
    "平江街道",
    "金阊街道",
    "双塔街道",
    "斜塘街道",
    "娄葑街道",
    "狮山街道",
)
NUMERALS = "一二三四五六七八九十"

# (weight, genre, title template); {p} place, {s} subject, {y} year, {y2} year + 2, {u} unit, {d} a place.
TITLES: tuple[tuple[int, str, str], ...] = (
    (12, "通知", "关于印发《{p}{s}管理办法》的通知"),
    (8, "通知", "关于印发《{p}{s}实施方案》的通知"),
    (4, "通知", "关于印发《{p}{s}三年行动计划（{y}—{y2}年）》的通知"),
    (10, "通知", "关于做好{y}年{s}工作的通知"),
    (6, "通知", "关于进一步加强{s}工作的通知"),
    (4, "通知", "关于开展{y}年度{s}专项检查的通知"),
    (6, "意见", "关于推进{s}高质量发展的实施意见"),
    (4, "意见", "关于进一步做好{s}工作的意见"),
    (5, "通报", "关于{y}年{s}工作情况的通报"),
    (4, "通告", "关于{s}有关事项的通告"),
    (3, "公告", "关于公布{y}年度{s}有关事项的公告"),
    (4, "规范性文件", "{p}{s}管理办法"),
    (6, "政策解读", "《{p}{s}管理办法》政策解读"),
    (3, "批复", "关于同意{d}{s}有关事项的批复"),
    (2, "函", "关于商请支持{s}工作的函"),
    (2, "公示", "关于{y}年度{s}示范单位拟认定名单的公示"),
    (3, "报告", "{u}{y}年政府信息公开工作年度报告"),
)
_TITLE_WEIGHTS = [w for w, _, _ in TITLES]

SECTION_HEADINGS = (
    "提高思想认识",
    "明确目标任务",
    "突出工作重点",
    "完善工作机制",
    "强化组织保障",
    "加强督促检查",
    "注重宣传引导",
    "严格责任落实",
    "创新服务方式",
    "夯实基层基础",
)
SENTENCES = (
    "各地各部门要充分认识做好{s}工作的重要意义，把{k}工作摆上重要议事日程，切实加强领导、落实责任。",
    "到{y1}年底，全{pw}{s}工作覆盖率达到{pct}%以上，群众满意度明显提升。",
    "{d}要结合本地实际，先行先试，形成可复制、可推广的经验做法。",
    "要依托政府门户网站、政务新媒体和政务服务大厅等渠道，及时公开{s}相关政策措施和办理情况。",
    "要建立健全部门协同、上下联动的工作机制，{us}要会同有关部门加强统筹协调，形成工作合力。",
    "要加强对{s}相关资金的监督管理，严格执行财务制度，确保资金使用规范、安全、有效。",
    "要坚持问题导向，重点解决{k}领域群众反映强烈的突出问题，不断增强人民群众的获得感、幸福感、安全感。",
    "要将{s}工作纳入年度目标任务考核，对工作不力、进展缓慢的予以通报。",
    "在{t}等地开展试点的基础上，逐步在全{pw}范围内推广。",
    "各责任单位要于每年{m}月底前将工作进展情况报送{us}。",
    "要加强{k}工作队伍建设，定期组织业务培训，提高工作人员的业务能力和服务水平。",
    "要主动回应社会关切，对涉及{s}的热点问题及时发布权威信息，正确引导社会预期。",
    "{y}年全{pw}计划安排{k}项目{n}个，总投资约{money}亿元。",
    "要严格落实{s}工作主体责任，主要负责同志要亲自部署、亲自协调、亲自督办。",
    "要畅通“12345”政务服务便民热线等诉求渠道，对企业群众反映的{s}问题做到件件有回音、事事有着落。",
)
OPENINGS = (
    "为深入贯彻落实党中央、国务院和省委、省政府关于{k}工作的决策部署，进一步做好{s}工作，切实保障人民群众合法权益，"
    "根据{b}等有关规定，结合我{pw}实际，",
    "为加快推进{s}工作，提升{k}服务水平，更好满足人民群众日益增长的美好生活需要，",
    "{y0}年以来，全{pw}各地各部门认真落实{s}各项工作要求，取得了积极成效。为巩固和扩大工作成果，推动{k}工作再上新台阶，",
    "根据{b}和省有关要求，为规范{s}管理，",
)
TAILS = {
    "通知": "现就有关事项通知如下：",
    "意见": "现提出如下意见：",
    "通报": "现将有关情况通报如下：",
    "通告": "现将有关事项通告如下：",
    "公告": "现将有关事项公告如下：",
    "函": "现将有关事项函告如下：",
}
CLOSINGS = {
    "通知": (
        "本通知自印发之日起施行。",
        "请各地各部门结合实际，认真抓好贯彻落实。执行中遇到的问题，请及时向{us}反映。",
    ),
    "意见": ("本意见自{start}起施行，有效期至{end}。",),
    "通报": ("希望各地各部门以先进为榜样，查找差距，改进工作，推动{s}工作取得新成效。",),
    "通告": ("本通告自发布之日起施行。特此通告。",),
    "公告": ("特此公告。",),
    "函": ("特此函告，请予支持为盼。",),
}


@dataclass(frozen=True)
class UnitProfile:
    """What the generator needs to know about a unit."""

    unit_id: int
    code: str
    name: str
    short_name: str
    doc_org: str
    place: str
    is_county: bool
    themes: tuple[Theme, ...]
    weight: float


@dataclass(frozen=True)
class DocumentSpec:
    """One generated document, valid by construction."""

    unit_id: int
    unit_code: str
    title: str
    body: str
    summary: str
    keywords: str
    topic: str
    genre: str
    doc_number: str
    doc_org: str
    doc_year: int | None
    doc_seq: int | None
    issuer: str
    date_written: dt.date
    published_at: dt.datetime
    validity: str
    date_validity_changed: dt.date | None


class GenerationError(RuntimeError):
    """The request cannot be met (no units, or 索引号 serials would run out)."""


def unit_profiles(units: Iterable[Unit]) -> list[UnitProfile]:
    """Profiles for the given units, ordered by code so that a seed always sees them the same way."""
    catalog = {spec.code: spec for spec in CATALOG}
    profiles = []
    for unit in sorted(units, key=lambda u: u.code):
        spec = catalog.get(unit.code)
        is_county = unit.kind == UnitKind.DISTRICT_GOVERNMENT
        theme_keys = UNIT_THEMES.get(unit.code)
        themes = tuple(_THEMES[k] for k in theme_keys) if theme_keys else THEMES
        weight = 2.0 if unit.kind == UnitKind.CITY_GOVERNMENT or unit.code == "SZ0100001" else 1.0
        profiles.append(
            UnitProfile(
                unit_id=unit.pk,
                code=unit.code,
                name=unit.name,
                short_name=unit.short_name or unit.name,
                doc_org=spec.doc_org if spec else _derive_doc_org(unit),
                place=spec.place if spec else ("苏州市" if not is_county else unit.name[:3]),
                is_county=is_county,
                themes=themes,
                weight=weight,
            )
        )
    return profiles


def _derive_doc_org(unit: Unit) -> str:
    # 机关代字 for units outside the demo catalog: Chinese characters only, as the 发文字号 format needs.
    name = re.sub(r"[^\u4e00-\u9fa5]", "", unit.name)
    if name.startswith("苏州市"):
        return "苏" + name[3:5] if len(name) > 3 else "苏府"
    return name[:2] or "苏政"


class Planner:
    """Draws document specs one after another from a seeded random stream."""

    def __init__(
        self,
        *,
        profiles: Sequence[UnitProfile],
        seed: int,
        now: dt.datetime,
        doc_seq_start: Mapping[tuple[int, str, int], int] | None = None,
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
    ) -> None:
        if not profiles:
            raise GenerationError("没有可用的单位，请先运行 load_demo 创建单位。")
        self.profiles = list(profiles)
        self.rng = random.Random(seed)
        self.now = now
        self.today = china_date(now)
        self.years = list(range(first_year, min(last_year, self.today.year) + 1))
        if not self.years:
            raise GenerationError(f"{first_year}年以后才能生成文件。")
        self.year_weights = [1.0 + 0.15 * (y - first_year) for y in self.years]
        self.unit_weights = [p.weight for p in self.profiles]
        self.doc_seq: dict[tuple[int, str, int], int] = dict(doc_seq_start or {})
        self._gongkai = _THEMES["gongkai"]

    def __iter__(self) -> Iterator[DocumentSpec]:
        while True:
            yield self.next()

    def next(self) -> DocumentSpec:
        """The next document."""
        rng = self.rng
        unit = rng.choices(self.profiles, weights=self.unit_weights)[0]
        theme = self._gongkai if rng.random() < 0.12 else rng.choice(unit.themes)
        year = rng.choices(self.years, weights=self.year_weights)[0]
        last_day = self.today if year == self.today.year else dt.date(year, 12, 31)
        first_day = dt.date(year, 1, 1)
        date_written = first_day + dt.timedelta(days=rng.randrange((last_day - first_day).days + 1))
        published_at = min(
            dt.datetime.combine(
                date_written + dt.timedelta(days=rng.randrange(16)),
                dt.time(rng.randrange(8, 18), rng.randrange(60)),
                tzinfo=CHINA_TZ,
            ).astimezone(dt.UTC),
            self.now,
        )
        _, genre, title_template = rng.choices(TITLES, weights=_TITLE_WEIGHTS)[0]
        if genre == "报告":
            theme = self._gongkai
        subject = rng.choice(theme.subjects)
        words = {
            "p": unit.place,
            "pw": "区" if unit.place.endswith("区") else "市",
            "s": subject,
            "k": theme.keyword,
            "b": theme.basis,
            "y": year,
            "y0": year - 1,
            "y1": year + rng.randrange(1, 4),
            "y2": year + 2,
            "u": unit.name,
            "us": unit.short_name,
            "d": rng.choice(PLACES),
            "t": "、".join(rng.sample(TOWNS, 2)),
            "m": rng.randrange(6, 13),
            "n": rng.randrange(8, 120),
            "pct": rng.choice((85, 90, 95, 98)),
            "money": rng.randrange(5, 300),
        }
        if genre == "报告":
            words["y"] = year - 1  # an annual report covers the previous year
        # "…监督管理" + "管理办法" would read "监督管理管理办法".
        title = title_template.format(**words).replace("管理管理", "管理")
        paragraphs = self._body(genre, title, unit, words, date_written)
        doc_org, doc_year, doc_seq, doc_number = self._doc_number(unit, genre, date_written.year)
        validity, changed = self._validity(date_written)
        opening = paragraphs[1] if len(paragraphs) > 1 else paragraphs[0]
        return DocumentSpec(
            unit_id=unit.unit_id,
            unit_code=unit.code,
            title=title,
            body="\n".join(paragraphs),
            summary=opening[:120],
            keywords=f"{theme.keyword} {subject}"[:200],
            topic=theme.topic,
            genre=genre,
            doc_number=doc_number,
            doc_org=doc_org,
            doc_year=doc_year,
            doc_seq=doc_seq,
            issuer=unit.name,
            date_written=date_written,
            published_at=published_at,
            validity=validity,
            date_validity_changed=changed,
        )

    def _doc_number(
        self, unit: UnitProfile, genre: str, year: int
    ) -> tuple[str, int | None, int | None, str]:
        if genre in {"政策解读", "公示"}:
            return "", None, None, ""  # interpretations and public notices carry no 发文字号
        org = unit.doc_org + {"规范性文件": "规", "函": "函", "批复": "复"}.get(genre, "")
        key = (unit.unit_id, org, year)
        # Gaps between serials, as in real registers where not every document is public.
        seq = self.doc_seq.get(key, 0) + self.rng.randrange(1, 4)
        self.doc_seq[key] = seq
        return org, year, seq, f"{org}〔{year}〕{seq}号"

    def _validity(self, date_written: dt.date) -> tuple[str, dt.date | None]:
        age_days = (self.today - date_written).days
        chance = 0.02 if age_days < 730 else 0.08 if age_days < 1825 else 0.2
        if age_days < 60 or self.rng.random() >= chance:
            return Validity.VALID, None
        changed = date_written + dt.timedelta(days=self.rng.randrange(30, age_days + 1))
        return (Validity.EXPIRED if self.rng.random() < 0.6 else Validity.REPEALED), changed

    def _body(
        self, genre: str, title: str, unit: UnitProfile, w: Mapping[str, object], date_written: dt.date
    ) -> list[str]:
        rng = self.rng
        fill = _Filler(w)
        signature = [unit.name, f"{date_written.year}年{date_written.month}月{date_written.day}日"]
        if genre == "规范性文件":
            return self._regulation(fill, unit, date_written)
        if genre == "政策解读":
            return self._interpretation(fill, title)
        if genre == "报告":
            return self._annual_report(fill)
        if genre == "公示":
            names = "、".join(
                f"{t}{'办事处' if t.endswith('街道') else '人民政府'}" for t in rng.sample(TOWNS, 4)
            )
            end = date_written + dt.timedelta(days=7)
            return [
                fill("经自愿申报、初审和专家评审，拟认定以下单位为{y}年度{s}示范单位，现予以公示："),
                names + "。",
                f"公示期为{_cn_date(date_written)}至{_cn_date(end)}。如有异议，请在公示期内以书面形式向{unit.short_name}反映。",
                *signature,
            ]
        if genre == "批复":
            return [
                f"{_government_of(str(w['d']))}：",
                fill("你单位《关于{s}有关事项的请示》收悉。经研究，现批复如下："),
                fill("一、原则同意你单位关于{s}的工作安排。"),
                fill("二、" + rng.choice(SENTENCES).removeprefix("要")),
                "三、请严格按照有关规定组织实施，确保各项工作依法依规、有序推进。",
                "此复。",
                *signature,
            ]
        addressee = _addressee(unit)
        paragraphs = [addressee] if genre in {"通知", "意见", "通报", "函"} else []
        paragraphs.append(fill(rng.choice(OPENINGS)) + TAILS[genre])
        headings = sorted(rng.sample(range(len(SECTION_HEADINGS)), rng.randrange(3, 6)))
        # Sentences drawn once for the whole document, so none repeats in another section.
        pool = rng.sample(SENTENCES, len(SENTENCES))
        for n, h in enumerate(headings):
            sentences = "".join(fill(pool.pop()) for _ in range(rng.randrange(2, 4)))
            paragraphs.append(f"{NUMERALS[n]}、{SECTION_HEADINGS[h]}。{sentences}")
        start = date_written + dt.timedelta(days=30)
        closing = rng.choice(CLOSINGS[genre])
        paragraphs.append(
            fill(
                closing.replace("{start}", _cn_date(start)).replace("{end}", _cn_date(_years_later(start, 5)))
            )
        )
        paragraphs.extend(signature)
        if genre in {"通知", "意见"}:
            paragraphs.append("（此件公开发布）")
        return paragraphs

    def _regulation(self, fill: _Filler, unit: UnitProfile, date_written: dt.date) -> list[str]:
        start = date_written + dt.timedelta(days=30)
        articles = [
            fill(
                "为了规范{s}工作，保障公民、法人和其他组织的合法权益，根据{b}等有关规定，结合本{pw}实际，制定本办法。"
            ),
            fill("本办法适用于本{pw}行政区域内{s}相关活动及其监督管理。"),
            fill(
                f"{unit.name}负责全{{pw}}{{s}}工作的统筹协调和监督管理。各有关部门按照职责分工做好相关工作。"
            ),
            *(fill(s) for s in self.rng.sample(SENTENCES, 3)),
            "违反本办法规定的，由有关部门依法予以处理；构成犯罪的，依法追究刑事责任。",
            f"本办法自{_cn_date(start)}起施行，有效期至{_cn_date(_years_later(start, 5))}。",
        ]
        return [f"第{_cn_number(i)}条　{a}" for i, a in enumerate(articles, start=1)]

    def _interpretation(self, fill: _Filler, title: str) -> list[str]:
        return [
            "一、制定背景",
            fill(self.rng.choice(OPENINGS)) + f"制定{title.removesuffix('政策解读')}。",
            "二、主要内容",
            "".join(fill(s) for s in self.rng.sample(SENTENCES, 3)),
            "三、适用范围",
            fill("适用于本{pw}行政区域内{s}相关工作。"),
            "四、施行时间",
            "自印发之日起施行。",
        ]

    def _annual_report(self, fill: _Filler) -> list[str]:
        rng = self.rng
        return [
            fill(
                "本报告根据《中华人民共和国政府信息公开条例》要求编制，内容包括总体情况、主动公开政府信息情况、"
                "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况等。"
            ),
            "一、总体情况",
            fill(
                f"{{y}}年，{{u}}坚持以公开为常态、不公开为例外，"
                f"全年主动公开政府信息{rng.randrange(80, 2000)}条，"
                f"受理政府信息公开申请{rng.randrange(0, 120)}件，均在法定期限内答复。"
            ),
            "二、存在的主要问题及改进情况",
            "".join(fill(s) for s in rng.sample(SENTENCES, 2)),
        ]


class _Filler:
    """``template.format(**words)`` as a callable."""

    def __init__(self, words: Mapping[str, object]) -> None:
        self.words = words

    def __call__(self, template: str) -> str:
        return template.format(**self.words)


def _government_of(place: str) -> str:
    if place.endswith(("园区", "高新区")):
        return f"{place}管委会"
    return f"苏州市{place}人民政府" if place.endswith("区") else f"{place}人民政府"


def _addressee(unit: UnitProfile) -> str:
    if unit.is_county:
        return "各镇人民政府、街道办事处，各委办局，各直属单位："
    if unit.code in {"SZ0000001", "SZ0100001"}:
        return "各市、区人民政府，苏州工业园区、苏州高新区管委会；市各委办局，各直属单位："
    return f"各市、区有关部门，{unit.short_name}各处室、各直属单位："


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _years_later(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _cn_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    return "十" + NUMERALS[n - 11] if n < 20 else str(n)


@dataclass
class GenerationResult:
    """What a run wrote."""

    created: int
    seconds: float
    seed: int
    sequences: dict[tuple[int, int], int] = field(default_factory=dict, repr=False)


def existing_doc_seqs(unit_ids: Iterable[int]) -> dict[tuple[int, str, int], int]:
    """The highest 发文字号 serial per (unit, 机关代字, year) already in the database."""
    rows = (
        Document.objects.filter(unit_id__in=list(unit_ids), doc_number_year__isnull=False)
        .values("unit_id", "doc_number_org", "doc_number_year")
        .annotate(last=Max("doc_number_seq"))
    )
    return {(r["unit_id"], r["doc_number_org"], r["doc_number_year"]): r["last"] or 0 for r in rows}


def generate_documents(
    *,
    count: int,
    seed: int = 1,
    batch_size: int = 5000,
    units: Sequence[Unit] | None = None,
    clock: Clock | None = None,
    progress: bool = True,
) -> GenerationResult:
    """Insert ``count`` published synthetic documents in bulk; 索引号 continue each unit-year's sequence.

    Each batch commits together with the IndexSequence rows it advanced, so an interrupted run leaves
    the sequences consistent with the documents written. Run it while nobody publishes.
    Signals (``document_changed``) are not sent and no versions are recorded.
    """
    if count < 0:
        raise GenerationError("数量不能为负数。")
    clock = clock or get_clock()
    now = clock.now()
    units = list(units) if units is not None else list(Unit.objects.filter(is_active=True))
    profiles = unit_profiles(units)
    planner = Planner(
        profiles=profiles, seed=seed, now=now, doc_seq_start=existing_doc_seqs(p.unit_id for p in profiles)
    )
    serials: dict[tuple[int, int], int] = {
        (s.unit_id, s.year): s.last_serial
        for s in IndexSequence.objects.filter(unit_id__in=[p.unit_id for p in profiles])
    }
    _check_capacity(planner, serials, count)
    started = time.perf_counter()
    created = 0
    bar = tqdm(total=count, file=sys.stderr, unit="件", disable=not progress, desc="生成文件")
    try:
        while created < count:
            size = min(batch_size, count - created)
            batch, touched = [], set()
            for _ in range(size):
                spec = planner.next()
                year = china_date(spec.published_at).year
                key = (spec.unit_id, year)
                serial = serials.get(key, 0) + 1
                if serial > MAX_SERIAL:
                    raise GenerationError(
                        f"单位 {spec.unit_code} 在 {year} 年的索引号序号将超过 {MAX_SERIAL}；"
                        f"已写入 {created} 件。请减少数量或增加单位。"
                    )
                serials[key] = serial
                touched.add(key)
                batch.append(_document(spec, f"{spec.unit_code}/{year}-{serial:05d}", now))
            with transaction.atomic():
                Document.objects.bulk_create(batch)
                _save_sequences(serials, touched)
            created += size
            bar.update(size)
    finally:
        bar.close()
    return GenerationResult(
        created=created, seconds=time.perf_counter() - started, seed=seed, sequences=serials
    )


def _check_capacity(planner: Planner, serials: Mapping[tuple[int, int], int], count: int) -> None:
    # Expected documents per unit-year from the weights, with a margin for chance; refuse before writing.
    total_u, total_y = sum(planner.unit_weights), sum(planner.year_weights)
    for profile, wu in zip(planner.profiles, planner.unit_weights, strict=True):
        for year, wy in zip(planner.years, planner.year_weights, strict=True):
            expected = count * wu / total_u * wy / total_y
            room = MAX_SERIAL - serials.get((profile.unit_id, year), 0)
            if expected * 1.05 + 50 > room:
                raise GenerationError(
                    f"{count} 件文件超出索引号容量：单位 {profile.code} 在 {year} 年"
                    f"约需 {int(expected)} 个序号，"
                    f"仅剩 {room} 个（每单位每年最多 {MAX_SERIAL} 个）。请减少数量或增加单位。"
                )


def _save_sequences(serials: Mapping[tuple[int, int], int], touched: set[tuple[int, int]]) -> None:
    existing = {
        (s.unit_id, s.year): s
        for s in IndexSequence.objects.filter(
            unit_id__in={u for u, _ in touched}, year__in={y for _, y in touched}
        )
    }
    changed, new = [], []
    for key in sorted(touched):
        seq = existing.get(key)
        if seq is None:
            new.append(IndexSequence(unit_id=key[0], year=key[1], last_serial=serials[key]))
        elif seq.last_serial != serials[key]:
            seq.last_serial = serials[key]
            changed.append(seq)
    IndexSequence.objects.bulk_create(new)
    IndexSequence.objects.bulk_update(changed, ["last_serial"])


def _document(spec: DocumentSpec, index_number: str, now: dt.datetime) -> Document:
    return Document(
        unit_id=spec.unit_id,
        index_number=index_number,
        title=spec.title,
        doc_number=spec.doc_number,
        doc_number_org=spec.doc_org,
        doc_number_year=spec.doc_year,
        doc_number_seq=spec.doc_seq,
        issuer=spec.issuer,
        date_written=spec.date_written,
        date_formed=spec.date_written,
        published_at=spec.published_at,
        topic=spec.topic,
        genre=spec.genre,
        disclosure=Disclosure.PROACTIVE,
        disclosure_method=DisclosureMethod.WEBSITE,
        validity=spec.validity,
        date_validity_changed=spec.date_validity_changed,
        keywords=spec.keywords,
        summary=spec.summary,
        body=spec.body,
        status=Status.PUBLISHED,
        is_synthetic=True,
        created_at=now,
        updated_at=now,
    )
