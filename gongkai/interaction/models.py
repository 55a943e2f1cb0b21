"""一号答 tickets (诉求), their routing between units, clock rows and the time-limit table."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.interaction.choices import (
    Channel,
    ClockEventKind,
    Rating,
    RoutingKind,
    State,
    TicketType,
    Urgency,
)

# Fields that identify or reach the citizen: never written to the audit trail.
PERSONAL_FIELDS = ("contact_name", "contact_phone", "contact_email")


class TimeLimitRule(models.Model):
    """办理时限 by type and urgency; ``ticket_type=""`` applies to every type (the specific row wins).

    Seeded with typical local values (``constants.DEFAULT_TIME_LIMITS``), not national law.
    """

    ticket_type = models.CharField("诉求类型", max_length=20, choices=TicketType.choices, blank=True)
    urgency = models.CharField("紧急程度", max_length=10, choices=Urgency.choices)
    working_days = models.PositiveSmallIntegerField("办理时限（工作日）")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "办理时限规则"
        verbose_name_plural = "办理时限规则"
        ordering = ["urgency", "ticket_type"]
        constraints = [
            models.UniqueConstraint(fields=["ticket_type", "urgency"], name="interaction_time_limit_unique"),
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1), name="interaction_time_limit_positive"
            ),
        ]

    def __str__(self) -> str:
        kind = self.get_ticket_type_display() if self.ticket_type else "全部类型"  # type: ignore[attr-defined]
        return f"{kind}·{self.get_urgency_display()}：{self.working_days}个工作日"  # type: ignore[attr-defined]


class Ticket(models.Model):
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    secret_hash = models.CharField("查询密码摘要", max_length=64, editable=False)

    ticket_type = models.CharField("诉求类型", max_length=20, choices=TicketType.choices)
    urgency = models.CharField("紧急程度", max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    subject = models.CharField("标题", max_length=200)
    content = models.TextField("诉求内容")
    place = models.CharField("事发地点", max_length=200, blank=True)

    anonymous = models.BooleanField("匿名", default=False)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    consent_publish = models.BooleanField("同意公开", default=False, help_text="诉求及答复可经脱敏后公开")
    channel = models.CharField("来源渠道", max_length=20, choices=Channel.choices)

    hotline_unit = models.ForeignKey(
        "units.Unit", verbose_name="受理单位", on_delete=models.PROTECT, related_name="received_tickets"
    )
    current_unit = models.ForeignKey(
        "units.Unit",
        verbose_name="承办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="current_tickets",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interaction_tickets",
    )
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.RECEIVED)
    time_limit_working_days = models.PositiveSmallIntegerField(
        "办理时限（工作日）", help_text="受理时按时限规则确定，之后修改规则不影响本件"
    )

    reply_text = models.TextField("反馈内容", blank=True)
    date_replied = models.DateField("反馈日期", null=True, blank=True)
    rating = models.CharField("评价", max_length=16, choices=Rating.choices, blank=True)
    rating_note = models.TextField("评价意见", blank=True)
    reopened = models.BooleanField("已重办", default=False)
    reopen_reason = models.TextField("重办理由", blank=True)
    return_visit_note = models.TextField("回访记录", blank=True)
    date_closed = models.DateField("办结日期", null=True, blank=True)

    created_at = models.DateTimeField("受理时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="受理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间")
    version = models.PositiveIntegerField(default=0)

    # --- publication on the portal (services/publication.py): the masked texts only ---------------
    public_subject = models.CharField("公开标题", max_length=200, blank=True)
    public_content = models.TextField("公开诉求内容", blank=True)
    public_reply = models.TextField("公开答复", blank=True)
    public_source = models.CharField(
        "公开文本来源摘要", max_length=64, blank=True, editable=False, help_text="公开文本据以生成的原文摘要"
    )
    published_at = models.DateTimeField("公开时间", null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公开人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "诉求"
        verbose_name_plural = "诉求"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "current_unit"], name="interaction_state_unit")]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.subject}"


class TicketRouting(models.Model):
    """One dispatch, transfer or return of a ticket between units."""

    ticket = models.ForeignKey(Ticket, verbose_name="诉求", on_delete=models.CASCADE, related_name="routings")
    kind = models.CharField("类型", max_length=16, choices=RoutingKind.choices)
    from_unit = models.ForeignKey(
        "units.Unit", verbose_name="原单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        "units.Unit",
        verbose_name="目标单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField("理由", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_label = models.CharField("操作人名称", max_length=150)
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at.isoformat()}"  # type: ignore[attr-defined]


class TicketClockEvent(models.Model):
    """A clock row: start, pause (returned), resume (dispatched again), restart (reopened), stop (replied)."""

    ticket = models.ForeignKey(
        Ticket, verbose_name="诉求", on_delete=models.CASCADE, related_name="clock_events"
    )
    kind = models.CharField("类型", max_length=16, choices=ClockEventKind.choices)
    date = models.DateField("日期")
    by_label = models.CharField("操作人名称", max_length=150)
    at = models.DateTimeField("记录时间")

    class Meta:
        verbose_name = "计时记录"
        verbose_name_plural = "计时记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date.isoformat()}"  # type: ignore[attr-defined]


class TicketReminder(models.Model):
    """到期提醒: one per ticket and day when it is close to its due date, mailed to the current unit."""

    ticket = models.ForeignKey(
        Ticket, verbose_name="诉求", on_delete=models.CASCADE, related_name="reminders"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="提醒单位", on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField("提醒日期")
    due_date = models.DateField("应办结日期")
    working_days_left = models.SmallIntegerField("剩余工作日")
    recipients = models.PositiveSmallIntegerField("通知人数", default=0)
    created_at = models.DateTimeField("提醒时间")

    class Meta:
        verbose_name = "到期提醒"
        verbose_name_plural = "到期提醒"
        ordering = ["day", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "day"], name="interaction_reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"提醒 {self.day.isoformat()}"


class TicketSupervision(models.Model):
    """督办: a ticket past its due date and not replied; level 2 when repeated. The unit acknowledges it."""

    class Level(models.IntegerChoices):
        FIRST = 1, "首次督办"
        REPEATED = 2, "再次督办"

    ticket = models.ForeignKey(
        Ticket, verbose_name="诉求", on_delete=models.CASCADE, related_name="supervisions"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="被督办单位", on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField("督办级别", choices=Level.choices)
    day = models.DateField("督办日期")
    due_date = models.DateField("应办结日期")
    working_days_overdue = models.PositiveSmallIntegerField("超期工作日")
    note = models.CharField("督办意见", max_length=300)
    created_at = models.DateTimeField("督办时间")
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_by_label = models.CharField("确认人名称", max_length=150, blank=True)
    acknowledged_at = models.DateTimeField("确认时间", null=True, blank=True)
    acknowledgement = models.TextField("办理说明", blank=True)

    class Meta:
        verbose_name = "督办"
        verbose_name_plural = "督办"
        ordering = ["day", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "day"], name="interaction_supervision_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.day.isoformat()}"  # type: ignore[attr-defined]
