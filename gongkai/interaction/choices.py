"""Enumerations of 一号答 (12345-style consultations, requests for help, complaints, reports, …)."""

from __future__ import annotations

from django.db import models


class TicketType(models.TextChoices):
    CONSULTATION = "consultation", "咨询"
    HELP = "help", "求助"
    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"
    SUGGESTION = "suggestion", "建议"
    PRAISE = "praise", "表扬"
    OTHER = "other", "其他"


class Urgency(models.TextChoices):
    URGENT = "urgent", "紧急"
    NORMAL = "normal", "一般"


class Channel(models.TextChoices):
    WEBSITE = "website", "网站"
    PHONE = "phone", "电话"
    COUNTER = "counter", "窗口"
    LETTER = "letter", "信函"


class State(models.TextChoices):
    RECEIVED = "received", "已受理"
    DISPATCHED = "dispatched", "已转办"
    SIGNED = "signed", "已签收"
    RETURNED = "returned", "已退回"
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已反馈"
    CLOSED = "closed", "已办结"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class RoutingKind(models.TextChoices):
    DISPATCH = "dispatch", "转办"
    TRANSFER = "transfer", "改派"
    RETURN = "return", "退回"


class ClockEventKind(models.TextChoices):
    START = "start", "起算"
    PAUSE = "pause", "暂停（退回）"
    RESUME = "resume", "恢复（重新转办）"
    RESTART = "restart", "重新起算（重办）"
    STOP = "stop", "停止（已反馈）"


class RedirectKind(models.TextChoices):
    DISCLOSURE = "disclosure", "政府信息公开申请"
    LAWSUIT = "lawsuit", "诉讼"
    PETITION = "petition", "信访"
