"""Enumerations of government-information metadata (see shared/reference §7)."""

from __future__ import annotations

from django.db import models


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class WithholdingReason(models.TextChoices):
    """Legal grounds for 不予公开 (条例 arts 14–16)."""

    STATE_SECRET = "art14_secret", "属于国家秘密（第十四条）"
    FORBIDDEN_BY_LAW = "art14_law", "法律、行政法规禁止公开（第十四条）"
    SECURITY_STABILITY = "art14_security", "危及国家安全、公共安全、经济安全、社会稳定（第十四条）"
    THIRD_PARTY = "art15_third_party", "涉及商业秘密、个人隐私等，公开会损害第三方合法权益（第十五条）"
    INTERNAL_AFFAIRS = "art16_internal", "人事管理、后勤管理、内部工作流程等内部事务信息（第十六条第一款）"
    PROCESS_INFO = "art16_process", "讨论记录、过程稿、磋商信函、请示报告等过程性信息（第十六条第二款）"
    ENFORCEMENT_FILE = "art16_enforcement", "行政执法案卷信息（第十六条第二款）"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    AMENDED = "amended", "已修订"
    PARTLY_EXPIRED = "partly_expired", "部分失效"
    NOT_APPLICABLE = "na", "不适用"


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待审核"
    SCHEDULED = "scheduled", "定时发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class DisclosureMethod(models.TextChoices):
    WEBSITE = "website", "政府网站"
    GAZETTE = "gazette", "政府公报"
    PRESS = "press", "新闻发布会"
    MEDIA = "media", "报刊、广播、电视"
    NEW_MEDIA = "new_media", "政务新媒体"
    READING_ROOM = "reading_room", "查阅场所"


GENRES: list[str] = [
    # The 15 公文种类 (中办发〔2012〕14号) and the catalogue genres commonly added.
    "决议", "决定", "命令（令）", "公报", "公告", "通告", "意见", "通知", "通报", "报告",
    "请示", "批复", "议案", "函", "纪要", "规章", "规范性文件", "规划", "计划", "总结", "公示",
    "政策解读", "其他",
]  # fmt: skip
GENRE_CHOICES = [(g, g) for g in GENRES]

# 主题分类: the 22 gov.cn first-level categories with their second level (reference §7.3).
TOPICS: list[tuple[str, list[str]]] = [
    ("国务院组织机构", ["国务院", "国务院办公厅", "国务院组成部门", "国务院直属特设机构", "国务院直属机构",
                 "国务院办事机构", "国务院直属事业单位", "国务院部委管理的国家局", "国务院议事协调机构", "其他"]),
    ("综合政务", ["政务公开", "政务督查", "应急管理", "电子政务", "文秘工作", "保密工作", "信访", "参事、文史", "其他"]),
    ("国民经济管理、国有资产监管", ["宏观经济", "经济体制改革", "统计", "物价", "国有资产监管", "重大建设项目", "其他"]),
    ("财政、金融、审计", ["财政", "税务", "银行", "货币（含外汇）", "证券", "保险", "社会信用体系建设", "审计", "其他"]),
    ("国土资源、能源", ["土地", "矿产", "水资源", "海洋", "煤炭", "石油与天然气", "电力", "其他"]),
    ("农业、林业、水利", ["农业、畜牧业、渔业", "林业", "水利", "其他"]),
    ("工业、交通", ["机械制造与重工业", "轻工纺织", "化工", "国防工业", "航天、航空", "信息产业（含电信）",
               "公路", "水运", "铁路", "民航", "邮政", "其他"]),
    ("商贸、海关、旅游", ["对外经贸合作", "国内贸易（含供销）", "海关", "检验、检疫", "旅游", "其他"]),
    ("市场监管、安全生产监管", ["工商", "质量监督", "标准", "食品药品监管", "安全生产监管", "其他"]),
    ("城乡建设、环境保护", ["城市规划", "城乡建设（含住房）", "环境监测、保护与治理", "节能与资源综合利用",
                   "气象、水文、测绘、地震", "其他"]),
    ("科技、教育", ["科技", "教育", "知识产权", "其他"]),
    ("文化、广电、新闻出版", ["文化", "文物", "新闻出版", "广播、电影、电视", "其他"]),
    ("卫生、体育", ["卫生", "医药管理", "体育", "其他"]),
    ("人口与计划生育、妇女儿童工作", ["人口与计划生育", "妇女儿童", "其他"]),
    ("劳动、人事、监察", ["劳动就业", "社会保障", "人事工作", "军转安置", "监察", "纠正行业不正之风", "其他"]),
    ("公安、安全、司法", ["公安", "国家安全", "司法", "其他"]),
    ("民政、扶贫、救灾", ["减灾救灾", "优抚安置", "社会福利", "行政区划与地名", "社团管理", "扶贫", "其他"]),
    ("民族、宗教", ["民族事务", "宗教事务"]),
    ("对外事务", ["外交、外事", "国际条约、国际组织", "其他"]),
    ("港澳台侨工作", ["港澳工作", "对台工作", "侨务工作"]),
    ("国防", ["国防建设", "国防动员"]),
    ("其他", []),
]  # fmt: skip


def _topic_code(i: int, j: int | None = None) -> str:
    return f"{i:02d}" if j is None else f"{i:02d}{j:02d}"


# Codes: "02" = 综合政务, "0201" = 综合政务\政务公开.
TOPIC_LABELS: dict[str, str] = {}
for _i, (_first, _seconds) in enumerate(TOPICS, start=1):
    TOPIC_LABELS[_topic_code(_i)] = _first
    for _j, _second in enumerate(_seconds, start=1):
        TOPIC_LABELS[_topic_code(_i, _j)] = f"{_first}\\{_second}"

TOPIC_CHOICES: list[tuple[str, str]] = list(TOPIC_LABELS.items())
FIRST_LEVEL_TOPICS: list[tuple[str, str]] = [(c, lbl) for c, lbl in TOPIC_LABELS.items() if len(c) == 2]


def topic_code_for(label: str) -> str | None:
    """The code of a topic given as ``一级`` or ``一级\\二级``."""
    for code, lbl in TOPIC_LABELS.items():
        if lbl == label.replace("/", "\\"):
            return code
    return None


def topic_tree() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """``[(code, first-level label, [(code, second-level label), …]), …]`` for menus."""
    return [
        (_topic_code(i), first, [(_topic_code(i, j), second) for j, second in enumerate(seconds, start=1)])
        for i, (first, seconds) in enumerate(TOPICS, start=1)
    ]
