"""Seed the 服务导航 taxonomy: life events and themes for 个人 and 法人 (editable afterwards)."""

from django.db import migrations

# (code, name, audience, kind, description)
LIFE_EVENTS = [
    ("shengyu-shouyang", "生育收养", "personal", "event", "生育登记、出生医学证明、新生儿落户、收养登记"),
    ("huji", "户籍办理", "personal", "event", "户口迁入迁出、落户、居住证、身份证"),
    ("ruxue", "入学", "personal", "event", "幼儿园、义务教育入学、积分入学"),
    ("jiuye-chuangye", "就业创业", "personal", "event", "求职登记、就业补贴、创业扶持、职业培训"),
    ("hunyin", "婚姻", "personal", "event", "结婚登记、离婚登记、婚姻状况证明"),
    ("zhufang", "住房", "personal", "event", "购房、租房、保障性住房、不动产登记"),
    ("tuixiu-yanglao", "退休养老", "personal", "event", "退休手续、养老金领取、养老服务"),
    ("shenhou", "身后事", "personal", "event", "死亡证明、户口注销、丧葬补助、遗属待遇"),
    ("shebao", "社会保障", "personal", "theme", "养老、医疗、失业、工伤、生育保险"),
    ("gongjijin", "住房公积金", "personal", "theme", "缴存、提取、贷款"),
    ("jiaoyu", "教育", "personal", "theme", "学前、义务、职业与继续教育"),
    ("yiliao", "医疗卫生", "personal", "theme", "就医、医保结算、疫苗接种"),
    ("jiaotong", "交通出行", "personal", "theme", "驾驶证、机动车、公共交通"),
    ("minzheng", "社会救助", "personal", "theme", "低保、特困、临时救助、残疾人服务"),
    ("qiye-kaiban", "企业开办", "legal", "event", "设立登记、印章刻制、银行开户、税务登记"),
    ("jingying-nashui", "经营纳税", "legal", "event", "发票、纳税申报、税费优惠"),
    ("yonggong", "员工招聘", "legal", "event", "用工备案、单位社保、公积金缴存"),
    ("touzi-jianshe", "投资建设", "legal", "event", "项目立项、工程建设审批"),
    ("biangeng", "变更登记", "legal", "event", "名称、地址、经营范围、法定代表人变更"),
    ("zhuxiao", "注销", "legal", "event", "简易注销、一般注销、税务清税"),
    ("huiqi-zhengce", "惠企政策", "legal", "theme", "补贴、奖励、减税降费"),
    ("zizhi-xuke", "资质许可", "legal", "theme", "行业许可、资质认定"),
    ("shuiwu", "税收服务", "legal", "theme", "申报、发票、退税"),
]


def seed(apps, schema_editor):
    LifeEvent = apps.get_model("knowledge", "LifeEvent")
    for order, (code, name, audience, kind, description) in enumerate(LIFE_EVENTS, start=1):
        LifeEvent.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "audience": audience,
                "kind": kind,
                "description": description,
                "sort_order": order * 10,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("knowledge", "LifeEvent").objects.filter(code__in=[c for c, *_ in LIFE_EVENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
