"""Fixed lists of the catalog app, each with the place in shared/reference it comes from."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

# 条例 art. 26: proactively disclosed information is made public within 20 working days of the day
# it was formed or changed. One constant, so the rule is changed (or overridden by law) in one place.
PROACTIVE_DISCLOSURE_WORKING_DAYS = 20


@dataclass(frozen=True)
class StandardNode:
    code: str
    name: str
    basis: str  # where the category comes from (条例 art. 20 items, or website practice)


# The standard 主动公开目录 columns every unit gets. Derived from the 15 items of 条例 art. 20
# (reference §1.3), merged into the column names government portals commonly use; 政务动态 is not an
# art. 20 item but a column every portal has (news of the unit's work).
STANDARD_NODES: list[StandardNode] = [
    StandardNode("jgxx", "机构信息", "第二十条第（二）项：机关职能、机构设置、办公地址、联系方式、负责人"),
    StandardNode("zcwj", "政策文件", "第二十条第（一）项：规章和规范性文件"),
    StandardNode("ghjh", "规划计划", "第二十条第（三）项：发展规划、专项规划、区域规划及相关政策"),
    StandardNode("tjxx", "统计信息", "第二十条第（四）项：国民经济和社会发展统计信息"),
    StandardNode("czxx", "财政信息", "第二十条第（七）至（九）项：预决算、行政事业性收费、政府集中采购"),
    StandardNode("rsxx", "人事信息", "第二十条第（十四）项：公务员招考的职位、名额、条件及录用结果"),
    StandardNode("xzzf", "行政执法", "第二十条第（五）（六）（十三）项：行政许可、行政处罚、监督检查"),
    StandardNode("yjgl", "应急管理", "第二十条第（十二）项：应急预案、预警信息及应对情况"),
    StandardNode("zwdt", "政务动态", "网站通行栏目：本单位工作动态"),
    StandardNode("qt", "其他", "第二十条第（十五）项：法律法规规定应当主动公开的其他信息"),
]
POLICY_NODE_CODE = "zcwj"
NEWS_NODE_CODE = "zwdt"

# 文种 treated as policy documents when demo documents are filed (documents.choices.GENRES).
POLICY_GENRES = frozenset({"决议", "决定", "命令（令）", "意见", "通知", "规章", "规范性文件"})

# The 26 grassroots domains of 国办发〔2019〕54号 (reference §6.2; the order is not official).
GRASSROOTS_DOMAINS: list[str] = [
    "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "征地补偿",
    "国有土地上房屋征收与补偿", "农村危房改造", "城乡规划", "保障性住房", "生态环境", "公共文化服务",
    "公共法律服务", "扶贫", "救灾", "食品药品监管", "城市综合执法", "就业", "社会保险", "社会救助",
    "养老服务", "户籍管理", "涉农补贴", "义务教育", "卫生健康", "市政服务",
]  # fmt: skip

# 公开渠道和载体 (reference §6.3), stored as a list of these labels.
CHANNELS: list[str] = [
    "政府网站", "两微一端", "广播电视", "公开查阅点", "便民服务站", "政府公报", "发布会/听证会",
    "纸质媒体", "政务服务中心", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他",
]  # fmt: skip


class Audience(models.TextChoices):
    PUBLIC = "public", "全社会"
    SPECIFIC = "specific", "特定群体"


class EntryMethod(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"


class Level(models.TextChoices):
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"
