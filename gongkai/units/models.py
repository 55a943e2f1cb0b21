"""The unit tree (组织机构): 市政府 → 市各部门 and 各市（区）政府 → their departments."""

from __future__ import annotations

from django.db import models


class UnitKind(models.TextChoices):
    CITY_GOVERNMENT = "city_gov", "市政府"
    CITY_DEPARTMENT = "city_dept", "市政府部门"
    DISTRICT_GOVERNMENT = "district_gov", "市（区）政府"
    DISTRICT_DEPARTMENT = "district_dept", "市（区）政府部门"
    OTHER = "other", "其他单位"


class Unit(models.Model):
    name = models.CharField("单位名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    code = models.CharField(
        "机构代码",
        max_length=18,
        unique=True,
        help_text="组织机构代码或统一社会信用代码，用于生成索引号",
    )
    kind = models.CharField("类型", max_length=20, choices=UnitKind.choices, default=UnitKind.CITY_DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ids ("/1/5/"), so a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_per_parent")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        expected = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if self.path != expected:
            # Keeps the path right however a unit is saved (service, admin, fixtures).
            self.path = expected
            Unit.objects.filter(pk=self.pk).update(path=expected)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2 if self.path else 0

    def is_within(self, other: Unit) -> bool:
        """True when this unit is ``other`` or lies below it."""
        return bool(self.path) and self.path.startswith(other.path)
