"""Staff accounts: every staff member belongs to a unit and has one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    HANDLER = "handler", "承办人"
    UNIT_ADMIN = "unit_admin", "单位管理员"
    OPENNESS_OFFICE = "openness_office", "公开办"
    EVALUATOR = "evaluator", "评估人"


class User(AbstractUser):
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.HANDLER)
    display_name = models.CharField("姓名", max_length=50, blank=True)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def get_full_name(self) -> str:
        return self.display_name or super().get_full_name()

    def __str__(self) -> str:
        return self.display_name or self.username
