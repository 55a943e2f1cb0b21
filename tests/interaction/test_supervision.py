"""到期提醒 and 督办: once a day within the threshold, 督办 when overdue (repeated at level 2), both
idempotent; the unit's acknowledgement and its permissions; mails without the citizen's data; pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from gongkai.accounts.models import User
from gongkai.calendars.selectors import get_calendar
from gongkai.core.errors import InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.interaction.choices import State, Urgency
from gongkai.interaction.models import Ticket, TicketReminder, TicketSupervision
from gongkai.interaction.services import (
    ConcurrentChange,
    ticket_acknowledge_supervision,
    ticket_dispatch,
    ticket_reply,
    ticket_return,
    ticket_sign,
    ticket_start,
    tickets_escalate_overdue,
    tickets_send_reminders,
)
from gongkai.interaction.tasks import run_daily_supervision
from tests.interaction.conftest import at

pytestmark = pytest.mark.django_db

# The clock fixture stands at Monday 2026-06-15; an urgent ticket dispatched then is due on 06-16.
DUE = dt.date(2026, 6, 16)


@pytest.fixture(autouse=True)
def _emails(staff: dict[str, Any]) -> None:
    for key, user in staff.items():
        User.objects.filter(pk=user.pk).update(email=f"{key}@example.gov.cn")


def _dispatched(tickets: Any, urgency: str = Urgency.URGENT) -> Ticket:
    t = tickets.create(urgency=urgency)
    return ticket_dispatch(actor=tickets.actor("office"), ticket=t, unit=tickets.units["finance"])


def _recipients() -> set[str]:
    return {address for m in mail.outbox for address in m.to}


def _overdue(tickets: Any, clock: Any) -> Ticket:
    t = _dispatched(tickets)
    t = ticket_sign(actor=tickets.actor("handler"), ticket=t)
    clock.move_to(at(2026, 6, 17))
    return t


# --- reminders ---------------------------------------------------------------------------------------


def test_reminder_once_a_day_within_threshold(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    urgent = _dispatched(tickets)
    _dispatched(tickets, Urgency.NORMAL)  # 10 working days left: no reminder
    mail.outbox.clear()

    run = tickets_send_reminders()
    assert (run.checked, run.created) == (2, 1)
    reminder = TicketReminder.objects.get()
    assert reminder.ticket_id == urgent.pk and reminder.due_date == DUE and reminder.working_days_left == 1
    assert _recipients() == {f"{k}@example.gov.cn" for k in ("handler", "handler2", "admin", "admin2")}
    assert reminder.recipients == 4
    sent = len(mail.outbox)

    again = tickets_send_reminders()  # the same day: nothing changes
    assert again.created == 0 and TicketReminder.objects.count() == 1 and len(mail.outbox) == sent

    clock.move_to(at(2026, 6, 16))  # the due day: reminded again, once
    assert tickets_send_reminders().created == 1
    assert tickets_send_reminders().created == 0
    assert TicketReminder.objects.filter(ticket=urgent).count() == 2


def test_no_reminder_when_overdue_paused_or_replied(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    returned = _dispatched(tickets)
    ticket_return(actor=tickets.actor("handler"), ticket=returned, reason="不属于本单位职责")
    replied = ticket_start(
        actor=tickets.actor("handler"),
        ticket=ticket_sign(actor=tickets.actor("handler"), ticket=_dispatched(tickets)),
    )
    ticket_reply(actor=tickets.actor("handler"), ticket=replied, reply_text="已处理。")
    _overdue(tickets, clock)
    assert tickets_send_reminders().created == 0
    assert not TicketReminder.objects.exists()


def test_mail_has_no_citizen_data(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    t = _dispatched(tickets)
    mail.outbox.clear()
    tickets_send_reminders()
    clock.move_to(at(2026, 6, 17))
    tickets_escalate_overdue()
    assert mail.outbox
    for m in mail.outbox:
        text = m.subject + m.body
        assert t.tracking_code in text
        for secret in ("张三", "13800000000", "平江路", "积水"):
            assert secret not in text


# --- 督办 ----------------------------------------------------------------------------------------------


def test_escalation_when_overdue_is_audited_mailed_and_idempotent(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    t = _overdue(tickets, clock)
    fresh = _dispatched(tickets)  # dispatched today: not overdue
    mail.outbox.clear()

    run = tickets_escalate_overdue()
    assert run.created == 1
    s = TicketSupervision.objects.get()
    assert (s.ticket_id, s.level, s.due_date, s.working_days_overdue) == (t.pk, 1, DUE, 1)
    assert s.unit == tickets.units["finance"] and "首次督办" in s.note
    assert not TicketSupervision.objects.filter(ticket=fresh).exists()
    event = AuditEvent.objects.get(action="interaction.supervise")
    assert event.object_id == str(t.pk) and event.changes["level"] == 1
    # the unit's admins and the hotline centre, not the handlers
    assert _recipients() == {"admin@example.gov.cn", "admin2@example.gov.cn", "office@example.gov.cn"}
    sent = len(mail.outbox)

    assert tickets_escalate_overdue().created == 0  # twice the same day: nothing changes
    assert TicketSupervision.objects.count() == 1 and len(mail.outbox) == sent
    assert AuditEvent.objects.filter(action="interaction.supervise").count() == 1
    tickets_send_reminders()  # overdue: 督办, not a reminder (the fresh one is reminded)
    assert list(TicketReminder.objects.values_list("ticket_id", flat=True)) == [fresh.pk]


def test_repeated_escalation_is_level_two(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    from gongkai.interaction.constants import SUPERVISION_REPEAT_WORKING_DAYS as N

    t = _overdue(tickets, clock)
    tickets_escalate_overdue()
    calendar = get_calendar()
    repeat = calendar.add_working_days(dt.date(2026, 6, 17), N).date
    before = calendar.add_working_days(dt.date(2026, 6, 17), N - 1).date
    clock.move_to(at(before.year, before.month, before.day))
    assert tickets_escalate_overdue().created == 0
    clock.move_to(at(repeat.year, repeat.month, repeat.day))
    assert tickets_escalate_overdue().created == 1
    assert tickets_escalate_overdue().created == 0
    assert list(t.supervisions.order_by("day").values_list("level", flat=True)) == [1, 2]


def test_replied_ticket_is_not_escalated(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    t = _overdue(tickets, clock)
    t = ticket_start(actor=tickets.actor("handler"), ticket=t)
    ticket_reply(actor=tickets.actor("handler"), ticket=t, reply_text="已处理。")
    assert tickets_escalate_overdue().created == 0


def test_daily_task_runs_both(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    _dispatched(tickets)
    _overdue(tickets, clock)  # moves to 06-17: the first is overdue too
    assert run_daily_supervision() == (0, 2)
    assert run_daily_supervision() == (0, 0)


# --- acknowledgement -----------------------------------------------------------------------------------


def test_acknowledge_permissions(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    _overdue(tickets, clock)
    tickets_escalate_overdue()
    s = TicketSupervision.objects.get()
    for key in ("other_handler", "evaluator", "district_office"):
        with pytest.raises(NotPermitted):
            ticket_acknowledge_supervision(actor=tickets.actor(key), supervision=s, note="已安排")
    with pytest.raises(InvalidInput):
        ticket_acknowledge_supervision(actor=tickets.actor("handler"), supervision=s, note="  ")
    done = ticket_acknowledge_supervision(
        actor=tickets.actor("handler"), supervision=s, note="已安排专人办理"
    )
    assert done.acknowledged_by == tickets.staff["handler"] and done.acknowledgement == "已安排专人办理"
    assert AuditEvent.objects.filter(action="interaction.supervise_acknowledge").count() == 1
    with pytest.raises(ConcurrentChange):
        ticket_acknowledge_supervision(actor=tickets.actor("admin"), supervision=s, note="重复确认")


# --- pages ---------------------------------------------------------------------------------------------


def _client(user: User) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def test_pages_show_and_acknowledge(tickets, clock) -> None:  # type: ignore[no-untyped-def]
    t = _overdue(tickets, clock)
    quiet = _dispatched(tickets, Urgency.NORMAL)
    tickets_escalate_overdue()
    s = TicketSupervision.objects.get()
    handler = _client(tickets.staff["handler"])

    page = handler.get(f"/workbench/tickets/{t.pk}/").content.decode()
    assert "督办记录" in page and "首次督办" in page and "确认督办" in page

    # the city's openness office is a writer over the unit (project rule); the district's sees nothing
    office = _client(tickets.staff["office"]).get(f"/workbench/tickets/{t.pk}/").content.decode()
    assert "首次督办" in office
    assert _client(tickets.staff["district_office"]).get(f"/workbench/tickets/{t.pk}/").status_code == 403

    queue = handler.get("/workbench/tickets/", {"flag": "supervised"}).content.decode()
    assert t.tracking_code in queue and quiet.tracking_code not in queue
    overdue = handler.get("/workbench/tickets/", {"flag": "overdue"}).content.decode()
    assert t.tracking_code in overdue and quiet.tracking_code not in overdue

    url = f"/workbench/tickets/{t.pk}/supervision/{s.pk}/ack/"
    assert _client(tickets.staff["other_handler"]).post(url, {"note": "x"}).status_code == 403
    assert _client(tickets.staff["district_office"]).post(url, {"note": "x"}).status_code == 403
    assert _client(tickets.staff["evaluator"]).post(url, {"note": "x"}).status_code == 403
    s.refresh_from_db()
    assert s.acknowledged_at is None
    r = handler.post(url, {"note": "已安排专人办理"})
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.acknowledged_by == tickets.staff["handler"]
    page = handler.get(f"/workbench/tickets/{t.pk}/").content.decode()
    assert "已安排专人办理" in page and "确认督办</button>" not in page
    assert Ticket.objects.get(pk=t.pk).state == State.SIGNED
