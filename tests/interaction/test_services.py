"""The services end to end: audit, permissions, routing records, reopen once, anonymity, the clock."""

from __future__ import annotations

import pytest

from gongkai.core.context import Actor
from gongkai.core.errors import IllegalTransition, InvalidInput, NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.interaction.choices import Rating, RoutingKind, State, TicketType, Urgency
from gongkai.interaction.clock import PAUSED, RUNNING, STOPPED
from gongkai.interaction.models import Ticket, TicketRouting, TimeLimitRule
from gongkai.interaction.services import (
    ConcurrentChange,
    current_clock,
    ticket_close,
    ticket_create,
    ticket_dispatch,
    ticket_rate,
    ticket_reopen,
    ticket_reply,
    ticket_return,
    ticket_sign,
    ticket_start,
    ticket_transfer,
)
from gongkai.interaction.services.intake import secret_matches
from tests.interaction.conftest import at

pytestmark = pytest.mark.django_db


def test_whole_walk_is_audited_without_personal_data(tickets) -> None:  # type: ignore[no-untyped-def]
    t = tickets.in_state(State.CLOSED)
    actions = list(
        AuditEvent.objects.filter(object_type="interaction.ticket", object_id=str(t.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "interaction.create",
        "interaction.dispatch",
        "interaction.sign",
        "interaction.start",
        "interaction.reply",
        "interaction.rate",
        "interaction.close",
    ]
    for e in AuditEvent.objects.filter(object_type="interaction.ticket"):
        assert "张三" not in str(e.changes) + e.note and "13800000000" not in str(e.changes)
    assert t.rating == Rating.SATISFIED and t.return_visit_note and t.date_closed


def test_create_returns_secret_once_and_takes_time_limit_from_table(tickets, units, staff) -> None:  # type: ignore[no-untyped-def]
    TimeLimitRule.objects.filter(ticket_type=TicketType.COMPLAINT, urgency=Urgency.NORMAL).update(
        working_days=7
    )
    created = ticket_create(actor=tickets.actor("office"), hotline_unit=units["city"], data=tickets.data())
    t = created.ticket
    assert t.state == State.RECEIVED and t.time_limit_working_days == 7
    assert t.tracking_code.startswith("YHD") and created.secret not in t.secret_hash
    assert secret_matches(t, created.secret) and not secret_matches(t, "wrong")
    urgent = tickets.create(urgency=Urgency.URGENT)
    assert urgent.time_limit_working_days == 1


def test_anonymity_only_for_some_types(tickets) -> None:  # type: ignore[no-untyped-def]
    t = tickets.create(ticket_type=TicketType.REPORT, anonymous=True, contact_name="李四")
    assert t.anonymous and t.contact_name == ""  # anonymous means nothing is kept
    with pytest.raises(InvalidInput) as err:
        tickets.create(ticket_type=TicketType.COMPLAINT, anonymous=True)
    assert err.value.field == "anonymous"
    with pytest.raises(InvalidInput):
        tickets.create(ticket_type=TicketType.HELP, contact_phone="")
    assert Ticket.objects.count() == 1


def test_handler_of_another_unit_is_refused(tickets) -> None:  # type: ignore[no-untyped-def]
    t = tickets.in_state(State.DISPATCHED)  # to finance
    before = AuditEvent.objects.count()
    for call in (
        lambda: ticket_sign(actor=tickets.actor("other_handler"), ticket=t),
        lambda: ticket_return(actor=tickets.actor("other_handler"), ticket=t, reason="不归我们"),
    ):
        with pytest.raises(NotPermitted):
            call()
    # a handler of the finance bureau may not dispatch or transfer: that is the hotline centre's job
    with pytest.raises(NotPermitted):
        ticket_transfer(actor=tickets.actor("handler"), ticket=t, unit=tickets.units["office"], reason="改派")
    t.refresh_from_db()
    assert t.state == State.DISPATCHED and AuditEvent.objects.count() == before
    with pytest.raises(NotPermitted):  # the evaluator reads, never receives
        ticket_create(
            actor=tickets.actor("evaluator"), hotline_unit=tickets.units["city"], data=tickets.data()
        )


def test_return_needs_a_reason_and_redispatch_is_recorded(tickets, units) -> None:  # type: ignore[no-untyped-def]
    t = tickets.in_state(State.DISPATCHED)
    with pytest.raises(InvalidInput):
        ticket_return(actor=tickets.actor("handler"), ticket=t, reason=" ")
    t = ticket_return(actor=tickets.actor("handler"), ticket=t, reason="属于区级事权")
    t = ticket_dispatch(actor=tickets.actor("office"), ticket=t, unit=units["district_dept"])
    t = ticket_transfer(actor=tickets.actor("office"), ticket=t, unit=units["finance"], reason="市级统筹")
    rows = list(TicketRouting.objects.filter(ticket=t).values_list("kind", "from_unit", "to_unit", "reason"))
    assert rows == [
        (RoutingKind.DISPATCH, None, units["finance"].pk, ""),
        (RoutingKind.RETURN, units["finance"].pk, units["city"].pk, "属于区级事权"),
        (RoutingKind.DISPATCH, units["finance"].pk, units["district_dept"].pk, ""),
        (RoutingKind.TRANSFER, units["district_dept"].pk, units["finance"].pk, "市级统筹"),
    ]
    assert t.current_unit == units["finance"] and t.state == State.DISPATCHED


def test_dispatch_only_within_the_hotline_subtree(tickets, system) -> None:  # type: ignore[no-untyped-def]
    from gongkai.units.services import unit_create

    elsewhere = unit_create(actor=system, name="无锡市财政局", code="024000003")
    t = tickets.create()
    with pytest.raises(InvalidInput):
        ticket_dispatch(actor=tickets.actor("office"), ticket=t, unit=elsewhere)


def test_reopen_only_once(tickets) -> None:  # type: ignore[no-untyped-def]
    centre, handler = tickets.actor("office"), tickets.actor("handler")
    t = tickets.in_state(State.REPLIED)
    t = ticket_rate(actor=centre, ticket=t, rating=Rating.DISSATISFIED, note="没解决")
    t = ticket_reopen(actor=centre, ticket=t, reason="群众不满意，要求重办")
    assert t.state == State.HANDLING and t.reopened and t.rating == "" and t.reply_text == ""
    t = ticket_reply(actor=handler, ticket=t, reply_text="已重新处理。")
    before = (t.version, AuditEvent.objects.count())
    with pytest.raises(IllegalTransition):
        ticket_reopen(actor=centre, ticket=t, reason="还是不满意")
    t.refresh_from_db()
    assert t.state == State.REPLIED and (t.version, AuditEvent.objects.count()) == before
    t = ticket_close(actor=centre, ticket=t, visit_note="已回访，群众仍不满意，已解释。")
    assert t.state == State.CLOSED


def test_stale_copy_is_refused(tickets) -> None:  # type: ignore[no-untyped-def]
    t = tickets.in_state(State.DISPATCHED)
    stale = Ticket.objects.get(pk=t.pk)
    ticket_sign(actor=tickets.actor("handler"), ticket=t)
    with pytest.raises(ConcurrentChange):
        ticket_return(actor=tickets.actor("handler"), ticket=stale, reason="退回")


def test_rating_must_be_a_choice_and_system_may_record_it(tickets) -> None:  # type: ignore[no-untyped-def]
    t = tickets.in_state(State.REPLIED)
    with pytest.raises(InvalidInput):
        ticket_rate(actor=Actor.system(), ticket=t, rating="great")
    t = ticket_rate(actor=Actor.system(), ticket=t, rating=Rating.BASICALLY)
    assert t.rating == Rating.BASICALLY and t.state == State.REPLIED


def test_clock_through_services_across_national_day(tickets, clock, units) -> None:  # type: ignore[no-untyped-def]
    centre, handler = tickets.actor("office"), tickets.actor("handler")
    clock.move_to(at(2026, 9, 22))
    t = tickets.create()  # 投诉: 10 wd, clock not started until dispatch
    clock.move_to(at(2026, 9, 23))
    t = ticket_dispatch(actor=centre, ticket=t, unit=units["finance"])
    c = current_clock(t, clock)
    assert c.phase == RUNNING and c.due is not None and c.due.date.isoformat() == "2026-10-14"
    clock.move_to(at(2026, 9, 29))
    t = ticket_return(actor=handler, ticket=t, reason="非本单位职责")
    clock.move_to(at(2026, 10, 8))
    assert current_clock(t, clock).phase == PAUSED
    clock.move_to(at(2026, 10, 9))
    t = ticket_dispatch(actor=centre, ticket=t, unit=units["finance"])
    c = current_clock(t, clock)
    assert c.due is not None and c.due.date.isoformat() == "2026-10-19" and c.working_days_left == 7
    t = ticket_start(actor=handler, ticket=ticket_sign(actor=handler, ticket=t))
    clock.move_to(at(2026, 10, 20))
    assert current_clock(t, clock).overdue
    t = ticket_reply(actor=handler, ticket=t, reply_text="已处理。")
    c = current_clock(t, clock)
    assert c.phase == STOPPED and c.replied_late and not c.overdue
