"""Seed the 26 grassroots domains of 国办发〔2019〕54号 (shared/reference §6.2; order not official).

The list is copied here, not imported, so this migration keeps meaning what it meant when written.
"""

from django.db import migrations

DOMAINS = [
    "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "征地补偿",
    "国有土地上房屋征收与补偿", "农村危房改造", "城乡规划", "保障性住房", "生态环境", "公共文化服务",
    "公共法律服务", "扶贫", "救灾", "食品药品监管", "城市综合执法", "就业", "社会保险", "社会救助",
    "养老服务", "户籍管理", "涉农补贴", "义务教育", "卫生健康", "市政服务",
]


def seed(apps, schema_editor):
    Domain = apps.get_model("catalog", "GrassrootsDomain")
    for number, name in enumerate(DOMAINS, start=1):
        Domain.objects.update_or_create(number=number, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
