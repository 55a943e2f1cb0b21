from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "gongkai.knowledge"
    verbose_name = "知识库"
    default_auto_field = "django.db.models.BigAutoField"
