"""到期提醒 and 督办: the periodic runs over open tickets, and the unit's acknowledgement of a 督办.

- ``tickets_send_reminders``: an open ticket (dispatched / signed / handling, clock running) with
  ``AT_RISK_WORKING_DAYS`` or fewer working days left gets one ``TicketReminder`` a day, mailed to the
  writers of its current unit.
- ``tickets_escalate_overdue``: an open ticket past its due date gets a ``TicketSupervision`` (level 1);
  still unreplied ``SUPERVISION_REPEAT_WORKING_DAYS`` working days after the last one, another
  (level 2). Audited as ``interaction.supervise``; mailed to the unit's admins and the hotline centre.
- ``ticket_acknowledge_supervision``: the current unit's writers acknowledge a 督办 with a note.

Both runs are idempotent: a row per ticket and day (unique constraint), so running twice the same day
changes nothing and mails nobody twice. Mails carry the tracking code, type, unit and dates only: never
the citizen's name, phone, e-mail or the ticket's text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from gongkai.accounts.models import Role, User
from gongkai.accounts.permissions import WRITER_ROLES
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import WorkdayCalendar
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import NotPermitted
from gongkai.interaction import permissions
from gongkai.interaction.choices import State
from gongkai.interaction.clock import TicketClock
from gongkai.interaction.constants import MAX_ACK_NOTE_CHARS, SUPERVISION_REPEAT_WORKING_DAYS
from gongkai.interaction.models import Ticket, TicketReminder, TicketSupervision
from gongkai.interaction.services.common import ConcurrentChange, current_clock, record, text
from gongkai.units.models import Unit

log = logging.getLogger(__name__)

# The clock runs in these states (a returned ticket is paused; replied / closed are stopped).
RUNNING_STATES = (State.DISPATCHED, State.SIGNED, State.HANDLING)


@dataclass(frozen=True)
class SupervisionRun:
    checked: int
    created: int
    mailed: int


def _open_tickets() -> QuerySet[Ticket]:
    return (
        Ticket.objects.filter(state__in=RUNNING_STATES, current_unit__isnull=False)
        .select_related("current_unit", "hotline_unit")
        .prefetch_related("clock_events")
        .order_by("pk")
    )


def _people(unit: Unit, roles: Iterable[str]) -> list[User]:
    return list(User.objects.filter(unit=unit, is_active=True, role__in=list(roles)).order_by("pk"))


def _mail(people: Iterable[User], subject: str, body: str) -> int:
    """One mail per person with an address; a failed delivery is logged, never undoes the record."""
    sent = 0
    for person in people:
        if not person.email:
            continue
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        except Exception:  # a mail server outage must not stop the run
            log.exception("interaction mail to user %s failed", person.pk)
            continue
        sent += 1
    return sent


def _uncertain(state: TicketClock) -> str:
    return "（所跨年份尚无节假日安排，日期待核实）" if not state.certain else ""


def _facts(ticket: Ticket) -> str:
    """What a mail may say about a ticket: no contact data, no citizen's text."""
    unit = ticket.current_unit.name if ticket.current_unit else ""
    return (
        f"查询码：{ticket.tracking_code}\n"
        f"类型：{ticket.get_ticket_type_display()}（{ticket.get_urgency_display()}）\n"  # type: ignore[attr-defined]
        f"承办单位：{unit}\n"
    )


def tickets_send_reminders(*, clock: Clock | None = None) -> SupervisionRun:
    """到期提醒 for every open ticket within the at-risk threshold; once per ticket and day."""
    clock = clock or get_clock()
    today, calendar = clock.today(), get_calendar()
    checked = created = mailed = 0
    for ticket in _open_tickets().iterator(chunk_size=500):
        checked += 1
        state = current_clock(ticket, clock, calendar)
        if not state.at_risk or state.due is None or ticket.current_unit is None:
            continue
        try:
            with transaction.atomic():
                TicketReminder.objects.create(
                    ticket=ticket,
                    unit=ticket.current_unit,
                    day=today,
                    due_date=state.due.date,
                    working_days_left=state.working_days_left or 0,
                    created_at=clock.now(),
                )
        except IntegrityError:
            continue  # already reminded today
        created += 1
        people = _people(ticket.current_unit, WRITER_ROLES)
        body = (
            f"以下诉求将于 {state.due.date.isoformat()} 到期，剩余 {state.working_days_left} 个工作日，"
            f"请及时办理并反馈。{_uncertain(state)}\n\n{_facts(ticket)}\n请登录工作台“诉求办理”查看。"
        )
        sent = _mail(people, f"【一号答】即将到期：{ticket.tracking_code}", body)
        TicketReminder.objects.filter(ticket=ticket, day=today).update(recipients=sent)
        mailed += sent
    return SupervisionRun(checked=checked, created=created, mailed=mailed)


def _level(ticket: Ticket, state: TicketClock, calendar: WorkdayCalendar) -> int | None:
    """The level of today's 督办, or ``None`` when none is due (already today, or too soon to repeat)."""
    assert state.date_start is not None
    last = ticket.supervisions.filter(day__gte=state.date_start).order_by("-day", "-id").first()
    if last is None:
        return TicketSupervision.Level.FIRST
    if last.day >= state.today:
        return None
    if calendar.working_days_between(last.day, state.today).days < SUPERVISION_REPEAT_WORKING_DAYS:
        return None
    return TicketSupervision.Level.REPEATED


def tickets_escalate_overdue(*, clock: Clock | None = None) -> SupervisionRun:
    """督办 every open ticket past its due date (level 1; level 2 when repeated), audited and mailed."""
    clock = clock or get_clock()
    today, calendar = clock.today(), get_calendar()
    actor = Actor.system()
    checked = created = mailed = 0
    for ticket in _open_tickets().iterator(chunk_size=500):
        checked += 1
        state = current_clock(ticket, clock, calendar)
        if not state.overdue or state.due is None or ticket.current_unit is None:
            continue
        level = _level(ticket, state, calendar)
        if level is None:
            continue
        late = -(state.working_days_left or 0)
        what = "首次督办" if level == TicketSupervision.Level.FIRST else "再次督办"
        note = (
            f"{what}：已超过办理时限（应于 {state.due.date.isoformat()} 前反馈，已超期 {late} 个工作日），"
            f"请{ticket.current_unit.name}立即办理并反馈。"
        )[:300]
        try:
            with transaction.atomic():
                TicketSupervision.objects.create(
                    ticket=ticket,
                    unit=ticket.current_unit,
                    level=level,
                    day=today,
                    due_date=state.due.date,
                    working_days_overdue=max(late, 0),
                    note=note,
                    created_at=clock.now(),
                )
                record(
                    actor=actor,
                    action="supervise",
                    ticket=ticket,
                    clock=clock,
                    changes={"level": level, "due_date": state.due.date, "working_days_overdue": late},
                    note=note,
                )
        except IntegrityError:
            continue  # already supervised today
        created += 1
        people = {
            p.pk: p
            for p in _people(ticket.current_unit, [Role.UNIT_ADMIN])
            + _people(ticket.hotline_unit, WRITER_ROLES)
        }
        body = f"{note}{_uncertain(state)}\n\n{_facts(ticket)}\n请登录工作台“诉求办理”查看并确认督办。"
        mailed += _mail(people.values(), f"【一号答】{what}：{ticket.tracking_code}", body)
    return SupervisionRun(checked=checked, created=created, mailed=mailed)


@transaction.atomic
def ticket_acknowledge_supervision(
    *, actor: Actor, supervision: TicketSupervision, note: str, clock: Clock | None = None
) -> TicketSupervision:
    """The current unit confirms it has received a 督办 and says what it does about it."""
    clock = clock or get_clock()
    fresh = TicketSupervision.objects.select_for_update().select_related("ticket").get(pk=supervision.pk)
    if fresh.acknowledged_at is not None:
        raise ConcurrentChange(f"该督办已由{fresh.acknowledged_by_label}确认，请刷新页面。")
    ticket = Ticket.objects.select_related("current_unit", "hotline_unit").get(pk=fresh.ticket_id)
    if actor.user is not None and not permissions.can_handle(actor.user, ticket):
        unit = ticket.current_unit.name if ticket.current_unit else ""
        raise NotPermitted(f"只有承办单位“{unit}”的工作人员可以确认督办。")
    body = text(note, "办理说明", "note", limit=MAX_ACK_NOTE_CHARS)
    fresh.acknowledged_by = actor.user
    fresh.acknowledged_by_label = actor.label[:150]
    fresh.acknowledged_at = clock.now()
    fresh.acknowledgement = body
    fresh.save(
        update_fields=["acknowledged_by", "acknowledged_by_label", "acknowledged_at", "acknowledgement"]
    )
    record(
        actor=actor,
        action="supervise_acknowledge",
        ticket=ticket,
        clock=clock,
        changes={"supervision": fresh.pk, "level": fresh.level},
        note=body,
    )
    return fresh
