"""Holiday arrangements entered by the openness office (公开办).

Each year the State Council General Office publishes the next year's holiday arrangement
(国务院办公厅关于某年部分节假日安排的通知). Until the ``chinesecalendar`` library ships that year,
the office enters it here; an entered year also replaces the library's data for that year.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

MIN_YEAR = 2000
MAX_YEAR = 2100


class HolidayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日"
    WORKDAY = "workday", "调休上班日"


class HolidayYear(models.Model):
    year = models.PositiveSmallIntegerField(
        "年份", unique=True, validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    source = models.CharField("安排依据", max_length=200, help_text="如：国办发明电〔2026〕X号")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField("录入时间")

    class Meta:
        verbose_name = "节假日安排（年度）"
        verbose_name_plural = "节假日安排（年度）"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class HolidayDay(models.Model):
    year = models.ForeignKey(HolidayYear, verbose_name="年度", on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类别", max_length=10, choices=HolidayKind.choices)
    name = models.CharField("节日", max_length=50, help_text="如：春节")

    class Meta:
        verbose_name = "节假日/调休日"
        verbose_name_plural = "节假日/调休日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}（{self.get_kind_display()}）"
