"""Deadline reminders: a periodic run finds at-risk and overdue cases and tells the handler and the
openness office, in the app (``Notification``) and through the pluggable notifier (e-mail)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from gongkai.accounts.models import Role, User
from gongkai.calendars.selectors import get_calendar
from gongkai.core.clock import Clock, get_clock
from gongkai.disclosure.choices import NotificationKind
from gongkai.disclosure.clock import CaseClock, case_clock
from gongkai.disclosure.lifecycle import OPEN_STATES
from gongkai.disclosure.models import DisclosureRequest, Notification
from gongkai.disclosure.notify import Notifier, get_notifier
from gongkai.disclosure.services.common import clock_rows


@dataclass(frozen=True)
class ReminderRun:
    checked: int
    notified: int


def reminder_kind(state: CaseClock) -> str | None:
    """What a case needs a reminder about today, if anything (the most urgent first)."""
    if state.overdue:
        return NotificationKind.OVERDUE
    if state.at_risk:
        return NotificationKind.AT_RISK
    if state.correction_overdue:
        return NotificationKind.CORRECTION_DUE
    if state.open_pause is not None and state.party_overdue:
        if state.open_pause.cause == "fee":
            return NotificationKind.FEE_DUE
        return NotificationKind.CONSULTATION_DUE
    return None


def _message(case: DisclosureRequest, kind: str, state: CaseClock) -> str:
    due = state.reply_due.date.isoformat() if state.reply_due else ""
    uncertain = "（期限待核实：所跨年份尚无节假日安排）" if not state.certain else ""
    if kind == NotificationKind.OVERDUE:
        return f"依申请公开 {case.tracking_code} 已超过答复期限（{due}），请尽快答复。{uncertain}"
    if kind == NotificationKind.AT_RISK:
        return (
            f"依申请公开 {case.tracking_code} 距答复期限（{due}）仅剩{state.working_days_left}个工作日。"
            f"{uncertain}"
        )
    if kind == NotificationKind.CORRECTION_DUE:
        return f"依申请公开 {case.tracking_code} 补正期限已过，请确认是否收到补正或按视为放弃申请处理。"
    if kind == NotificationKind.FEE_DUE:
        return f"依申请公开 {case.tracking_code} 缴费期限已过，请确认是否缴费或按视为放弃申请处理。"
    return f"依申请公开 {case.tracking_code} 征求意见期限已过，请结束征求意见并恢复计时。"


def _recipients(case: DisclosureRequest, offices: list[User]) -> list[User]:
    unit = case.handling_unit
    people: dict[int, User] = {}
    if case.assigned_handler is not None and case.assigned_handler.is_active:
        people[case.assigned_handler.pk] = case.assigned_handler
    else:
        for user in User.objects.filter(unit=unit, is_active=True, role__in=[Role.HANDLER, Role.UNIT_ADMIN]):
            people[user.pk] = user
    for office in offices:
        assert office.unit is not None
        if unit.is_within(office.unit) or case.addressee_unit.is_within(office.unit):
            people[office.pk] = office
    return list(people.values())


def reminders_send(*, clock: Clock | None = None, notifier: Notifier | None = None) -> ReminderRun:
    """Notify about every open case that is at risk, overdue, or waiting past a party's deadline.

    Safe to run as often as wanted: one notice per person, case, kind and day.
    """
    clock = clock or get_clock()
    notifier = notifier or get_notifier()
    today = clock.today()
    calendar = get_calendar()
    offices = list(
        User.objects.filter(role=Role.OPENNESS_OFFICE, is_active=True, unit__isnull=False).select_related(
            "unit"
        )
    )
    cases = (
        DisclosureRequest.objects.filter(state__in=OPEN_STATES)
        .select_related("addressee_unit", "assigned_unit", "assigned_handler")
        .prefetch_related("clock_events")
        .order_by("pk")
    )
    checked = notified = 0
    for case in cases.iterator(chunk_size=500):
        checked += 1
        state = case_clock(clock_rows(case), calendar, today=today)
        kind = reminder_kind(state)
        if kind is None:
            continue
        message = _message(case, kind, state)
        for person in _recipients(case, offices):
            key = f"{person.pk}:{case.pk}:{kind}:{today.isoformat()}"
            try:
                with transaction.atomic():
                    Notification.objects.create(
                        recipient=person,
                        request=case,
                        kind=kind,
                        message=message[:300],
                        created_at=clock.now(),
                        dedupe_key=key,
                    )
            except IntegrityError:
                continue  # already told today
            notified += 1
            subject = f"【依申请公开】{NotificationKind(kind).label}：{case.tracking_code}"
            notifier.send(person, subject, message)
    return ReminderRun(checked=checked, notified=notified)
