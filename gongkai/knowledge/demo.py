"""Demo data of the knowledge base: common questions of Suzhou residents and businesses, published, each
marked 演示数据 (``is_demo``) wherever shown. The answers are illustrative, written in the usual shape
of such answers; they are not official answers and name no real telephone numbers except 12345.
Safe to run repeatedly (an entry whose question already exists as demo data is skipped)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.knowledge.models import KnowledgeEntry, LifeEvent
from gongkai.knowledge.services import EntryInput, entry_approve, entry_create, entry_submit
from gongkai.units.models import Unit

HRSS = "SZ0100008"  # 苏州市人力资源和社会保障局
HOUSING = "SZ0100011"  # 苏州市住房和城乡建设局
APPROVAL = "SZ0100026"  # 苏州市行政审批局
EDUCATION = "SZ0100004"  # 苏州市教育局
HEALTH = "SZ0100017"  # 苏州市卫生和计划生育委员会
CIVIL = "SZ0100005"  # 苏州市民政局
MARKET = "SZ0100024"  # 苏州市工商行政管理局
TAX = "SZ0900003"  # 苏州市国家税务局

CHECK = "<p>以上为一般情况，具体材料和流程以办理窗口、官方办事指南的最新要求为准，也可拨打 12345 咨询。</p>"


@dataclass(frozen=True)
class DemoEntry:
    unit_code: str
    question: str
    phrasings: tuple[str, ...]
    answer_html: str
    tags: tuple[str, ...]
    life_events: tuple[str, ...]
    service_name: str = ""


DEMO_ENTRIES: tuple[DemoEntry, ...] = (
    DemoEntry(
        HRSS,
        "跨省换工作后，养老保险关系怎么转移到苏州？",
        ("外地的养老保险能转到苏州吗", "社保跨省转移怎么办"),
        "<p>在苏州新就业并参加职工基本养老保险后，可申请将原参保地的养老保险关系转入苏州：</p>"
        "<ol><li>向苏州社保经办机构（或通过线上渠道）提出转移接续申请；</li>"
        "<li>经办机构向原参保地发联系函，原参保地核对后转出参保缴费信息和资金；</li>"
        "<li>苏州核对无误后办结，缴费年限合并计算。</li></ol>"
        "<p>一般无需本人往返两地。</p>" + CHECK,
        ("社保", "养老保险", "转移接续"),
        ("shebao", "jiuye-chuangye"),
        "基本养老保险关系转移接续",
    ),
    DemoEntry(
        HRSS,
        "灵活就业人员怎样在苏州参加职工社会保险？",
        ("自由职业者怎么交社保", "个人能不能自己交养老保险"),
        "<p>符合条件的灵活就业人员可以个人身份参加职工基本养老保险和职工基本医疗保险：</p>"
        "<ul><li>携带身份证件到社保经办窗口或通过线上渠道办理参保登记；</li>"
        "<li>按规定的缴费基数范围自行选择基数，按月或按年缴费；</li>"
        "<li>缴费可通过银行代扣等方式完成。</li></ul>" + CHECK,
        ("社保", "灵活就业"),
        ("shebao", "jiuye-chuangye"),
        "灵活就业人员参保登记",
    ),
    DemoEntry(
        HRSS,
        "到外地就医，医保怎样办理异地就医备案？",
        ("异地就医怎么报销", "在外地看病医保能用吗"),
        "<p>长期在外地居住、工作或临时外出就医的参保人，可先办理异地就医备案，备案后在开通直接结算的定点医院就医时可直接结算。</p>"
        "<p>备案可通过线上渠道或到医保经办窗口办理，需提供参保人身份信息和备案类型相关材料。</p>" + CHECK,
        ("医保", "异地就医"),
        ("shebao", "yiliao"),
        "异地就医备案",
    ),
    DemoEntry(
        HOUSING,
        "租房可以提取住房公积金吗？",
        ("租房提取公积金需要什么材料", "没有买房能取公积金吗"),
        "<p>本人及配偶在苏州无自有住房且租房自住的，可按规定申请提取住房公积金支付房租。</p>"
        "<p>一般需提供身份证件、租房相关证明等材料，提取额度和频次按当年规定执行，可通过线上渠道或到公积金管理部门窗口办理。</p>"
        + CHECK,
        ("公积金", "租房提取"),
        ("gongjijin", "zhufang"),
        "住房公积金租房提取",
    ),
    DemoEntry(
        HOUSING,
        "申请住房公积金贷款购买首套房需要满足哪些条件？",
        ("公积金贷款条件", "公积金能贷多少钱"),
        "<p>一般要求：</p><ul><li>正常连续缴存住房公积金达到规定期限；</li>"
        "<li>购买自住住房，并支付规定比例的首付款；</li>"
        "<li>具有稳定收入和偿还贷款能力，信用状况良好。</li></ul>"
        "<p>可贷额度与缴存余额、还款能力和当期最高贷款额度有关。</p>" + CHECK,
        ("公积金", "贷款", "购房"),
        ("gongjijin", "zhufang"),
        "住房公积金个人住房贷款",
    ),
    DemoEntry(
        APPROVAL,
        "高校毕业生在苏州就业，怎么办理落户？",
        ("大学生落户苏州", "应届生户口迁入苏州"),
        "<p>在苏州就业的高校毕业生可按人才落户政策申请户口迁入：</p>"
        "<ol><li>准备身份证件、学历证书、就业或社保缴纳证明等材料；</li>"
        "<li>通过线上渠道或到户籍窗口提出申请；</li>"
        "<li>审核通过后办理户口迁移手续。</li></ol>" + CHECK,
        ("户口", "落户", "高校毕业生"),
        ("huji", "jiuye-chuangye"),
        "人才落户",
    ),
    DemoEntry(
        APPROVAL,
        "新生儿怎样办理出生户口登记？",
        ("宝宝怎么上户口", "新生儿落户需要什么材料"),
        "<p>新生儿一般随父亲或母亲在户籍所在地办理出生登记，需提供出生医学证明、父母身份证件和户口簿、结婚证等材料。</p>"
        "<p>部分地区可通过“出生一件事”线上办理，出生医学证明、户口登记、医保参保等一次申请。</p>" + CHECK,
        ("户口", "新生儿", "出生登记"),
        ("huji", "shengyu-shouyang"),
        "出生一件事",
    ),
    DemoEntry(
        EDUCATION,
        "非苏州户籍的随迁子女怎样申请积分入学？",
        ("外地孩子在苏州上学", "积分入学怎么申请"),
        "<p>在苏州居住、就业的流动人口，其随迁子女可按当年积分入学政策申请入读公办学校：</p>"
        "<ol><li>父母一方按规定申请流动人员积分；</li>"
        "<li>在规定时间内网上提交入学申请；</li>"
        "<li>按积分排序和学位情况确定入学安排。</li></ol>"
        "<p>具体时间以当年教育部门发布的招生公告为准。</p>" + CHECK,
        ("入学", "积分入学", "随迁子女"),
        ("ruxue", "jiaoyu"),
        "义务教育阶段入学登记",
    ),
    DemoEntry(
        EDUCATION,
        "小学新生入学报名什么时候开始？要准备哪些材料？",
        ("孩子上小学怎么报名", "一年级报名材料"),
        "<p>小学新生入学报名一般在每年春夏之际集中进行，具体时间和方式以当年招生公告为准。</p>"
        "<p>通常需要儿童和监护人的户口簿、房产或居住证明等材料，多数学校可网上报名。</p>" + CHECK,
        ("入学", "小学"),
        ("ruxue", "jiaoyu"),
        "义务教育阶段入学登记",
    ),
    DemoEntry(
        HEALTH,
        "生育登记怎么办理？可以网上办吗？",
        ("怀孕了要办什么登记", "生育服务登记"),
        "<p>夫妻生育子女可办理生育登记，一般可通过线上渠道或到户籍地、居住地的村（居）委会、乡镇（街道）办理。</p>"
        "<p>需填写夫妻双方身份信息、婚姻状况等，一般当场办结。</p>" + CHECK,
        ("生育登记",),
        ("shengyu-shouyang",),
        "生育登记",
    ),
    DemoEntry(
        HRSS,
        "生育津贴怎么申领？",
        ("生孩子能领多少钱", "生育保险待遇"),
        "<p>参加职工生育保险的职工，生育后可按规定申领生育津贴，一般由用人单位统一申报，也可按规定个人申报。</p>"
        "<p>津贴标准与用人单位上年度职工月平均工资和产假天数有关。</p>" + CHECK,
        ("生育保险", "生育津贴"),
        ("shengyu-shouyang", "shebao"),
        "生育津贴申领",
    ),
    DemoEntry(
        APPROVAL,
        "在苏州开办一家企业要经过哪些环节？",
        ("注册公司流程", "开公司要多久"),
        "<p>企业开办一般包括：</p><ol><li>设立登记（领取营业执照）；</li><li>公章刻制；</li>"
        "<li>申领发票和税控设备；</li><li>员工参保登记；</li><li>银行开户预约。</li></ol>"
        "<p>可通过企业开办“一网通办”平台一次提交，多环节并行办理。</p>" + CHECK,
        ("企业开办", "营业执照"),
        ("qiye-kaiban",),
        "企业开办一件事",
    ),
    DemoEntry(
        MARKET,
        "个体工商户怎样办理营业执照？",
        ("开小店要办什么证", "个体户注册"),
        "<p>经营者可通过线上渠道或到登记窗口申请个体工商户登记，一般需提供经营者身份证件、经营场所信息等材料。</p>"
        "<p>材料齐全、符合法定形式的，一般当场或在规定时间内发放营业执照。</p>" + CHECK,
        ("个体工商户", "营业执照"),
        ("qiye-kaiban",),
        "个体工商户设立登记",
    ),
    DemoEntry(
        TAX,
        "新办企业第一次领用发票怎么办理？",
        ("新公司怎么领发票", "首次申领发票"),
        "<p>新办纳税人完成登记信息确认后，可通过电子税务局或办税服务厅申请首次领用发票，按规定核定发票种类和数量。</p>"
        + CHECK,
        ("发票", "新办企业"),
        ("jingying-nashui", "shuiwu"),
        "发票领用",
    ),
    DemoEntry(
        MARKET,
        "企业简易注销需要满足什么条件？",
        ("公司不开了怎么注销", "简易注销流程"),
        "<p>未开业或无债权债务的企业，一般可申请简易注销：</p>"
        "<ol><li>通过公示系统进行简易注销公告，公告期满无异议；</li><li>提交简易注销申请；</li>"
        "<li>登记机关作出注销决定。</li></ol><p>有未结清税款、正在被立案调查等情形的不适用。</p>" + CHECK,
        ("注销", "简易注销"),
        ("zhuxiao",),
        "企业简易注销登记",
    ),
    DemoEntry(
        CIVIL,
        "办理结婚登记需要带什么材料？",
        ("领结婚证要带什么", "结婚登记预约"),
        "<p>男女双方须亲自到婚姻登记机关办理，一般需携带本人户口簿、身份证及本人无配偶且与对方无直系血亲和三代以内旁系血亲关系的签字声明。</p>"
        "<p>可提前网上预约。</p>" + CHECK,
        ("婚姻登记", "结婚"),
        ("hunyin",),
        "内地居民结婚登记",
    ),
    DemoEntry(
        HRSS,
        "职工到了退休年龄，退休手续怎么办理？",
        ("怎么办退休", "养老金什么时候开始领"),
        "<p>职工达到退休年龄且养老保险缴费满规定年限的，一般由用人单位（灵活就业人员本人）向社保经办机构申请办理退休，核定后按月领取基本养老金。</p>"
        + CHECK,
        ("退休", "养老金"),
        ("tuixiu-yanglao", "shebao"),
        "职工退休申请",
    ),
    DemoEntry(
        CIVIL,
        "亲属去世后需要办理哪些手续？",
        ("家人去世要办什么", "身后事怎么办理"),
        "<p>一般包括：开具死亡医学证明（或推断书）、遗体火化、户口注销，以及社保停发、丧葬补助金和抚恤金申领等。</p>"
        "<p>部分地区推行“身后一件事”，可一次申请、联办多个事项。</p>" + CHECK,
        ("身后事", "丧葬补助"),
        ("shenhou",),
        "身后一件事",
    ),
)


@transaction.atomic
def load_knowledge_demo(*, actor: Actor, clock: Clock | None = None) -> int:
    """Add the demo entries whose units exist (created and published by the system); returns how many."""
    clock = clock or get_clock()
    existing = set(KnowledgeEntry.objects.filter(is_demo=True).values_list("question", flat=True))
    units = {u.code: u for u in Unit.objects.filter(code__in={d.unit_code for d in DEMO_ENTRIES})}
    events = {e.code: e for e in LifeEvent.objects.all()}
    created = 0
    for spec in DEMO_ENTRIES:
        unit = units.get(spec.unit_code)
        if unit is None or spec.question in existing:
            continue
        entry = entry_create(
            actor=actor,
            unit=unit,
            data=EntryInput(
                question=spec.question,
                answer_html=spec.answer_html,
                phrasings=spec.phrasings,
                tags=spec.tags,
                life_events=[events[c] for c in spec.life_events if c in events],
                service_name=spec.service_name,
                note="演示数据",
            ),
            is_demo=True,
            clock=clock,
        )
        entry = entry_submit(actor=actor, entry=entry, clock=clock)
        entry_approve(actor=actor, entry=entry, clock=clock)
        created += 1
    return created
