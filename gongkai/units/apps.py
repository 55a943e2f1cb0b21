from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "gongkai.units"
    verbose_name = "组织机构"
