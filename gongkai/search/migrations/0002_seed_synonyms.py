"""A starter list of synonyms and abbreviations; the openness office edits it afterwards."""

from django.db import migrations

STARTER = {
    "社保": ["社会保险"],
    "公积金": ["住房公积金"],
    "低保": ["最低生活保障"],
    "医保": ["医疗保险", "医疗保障"],
    "养老金": ["基本养老金", "养老保险金"],
    "失业金": ["失业保险金"],
    "公租房": ["公共租赁住房"],
    "保障房": ["保障性住房"],
    "廉租房": ["廉租住房"],
    "经适房": ["经济适用住房"],
    "政府信息公开": ["政务公开", "信息公开"],
    "依申请": ["依申请公开"],
    "营商": ["营商环境"],
    "高企": ["高新技术企业"],
    "个税": ["个人所得税"],
    "车管所": ["车辆管理所"],
    "驾照": ["驾驶证"],
    "身份证": ["居民身份证"],
    "户口": ["户籍"],
    "落户": ["户口迁入", "户籍迁入"],
    "残疾证": ["残疾人证"],
    "双减": ["减轻义务教育阶段学生作业负担和校外培训负担"],
    "放管服": ["简政放权、放管结合、优化服务"],
    "一网通办": ["政务服务一网通办"],
}


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, expansions in STARTER.items():
        Synonym.objects.get_or_create(term=term, defaults={"expansions": expansions})


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(term__in=list(STARTER), updated_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
