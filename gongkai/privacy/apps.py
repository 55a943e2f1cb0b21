from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "gongkai.privacy"
    verbose_name = "个人信息去标识化"
    default_auto_field = "django.db.models.BigAutoField"
