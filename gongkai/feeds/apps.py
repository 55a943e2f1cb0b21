from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "gongkai.feeds"
    verbose_name = "订阅源"
