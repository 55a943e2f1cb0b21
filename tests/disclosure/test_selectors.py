"""Who sees which case and whose personal data; every showing of personal data is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from gongkai.core.context import Actor
from gongkai.core.errors import NotPermitted
from gongkai.core.models import AuditEvent
from gongkai.disclosure.choices import NotificationKind, State
from gongkai.disclosure.models import Notification
from gongkai.disclosure.selectors import (
    StaffFilters,
    description_similarity,
    request_get_for_staff,
    request_list_for_staff,
    request_personal_data,
    request_rows_with_clock,
    request_suggestions,
)
from gongkai.disclosure.services import reminders_send
from tests.disclosure.factories import at, person_id, person_input

pytestmark = pytest.mark.django_db


def test_visibility_and_personal_data_across_units(staff, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.ASSIGNED)  # to the city government, assigned to the finance bureau
    # Handling unit (finance) and the city's openness office see the personal data.
    for who in ["handler", "handler2", "admin", "office"]:
        user = staff[who]
        seen = request_get_for_staff(user, case.pk)
        data = request_personal_data(actor=Actor(user), case=seen)
        assert data is not None and data.applicant_name == "张三", who
    # The evaluator sees the case (statistics) but never the applicant.
    assert request_get_for_staff(staff["evaluator"], case.pk)
    assert request_personal_data(actor=Actor(staff["evaluator"]), case=case) is None
    # A handler of another unit and the district's openness office do not even see the case.
    for who in ["other_handler", "district_office"]:
        with pytest.raises(NotPermitted):
            request_get_for_staff(staff[who], case.pk)
        assert request_personal_data(actor=Actor(staff[who]), case=case) is None
        assert not request_list_for_staff(staff[who]).exists()
    views = AuditEvent.objects.filter(action="disclosure.view_personal", object_id=str(case.pk))
    assert sorted(v.actor.username for v in views) == ["admin", "handler", "handler2", "office"]  # type: ignore[union-attr]


def test_unassigned_case_personal_data_stays_with_the_addressee(staff, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.registered()  # addressed to the city government, not yet assigned
    assert request_personal_data(actor=Actor(staff["office"]), case=case) is not None
    assert request_personal_data(actor=Actor(staff["handler"]), case=case) is None  # finance: not its case
    with pytest.raises(NotPermitted):
        request_get_for_staff(staff["handler"], case.pk)


def test_list_filters_and_days_left(clock, staff, units, cases) -> None:  # type: ignore[no-untyped-def]
    early = cases.in_state(State.IN_HANDLING)  # received Mon 15 Jun, due Tue 14 Jul
    clock.move_to(at(dt.date(2026, 7, 1)))
    recent = cases.in_state(State.REGISTERED)
    office = staff["office"]
    assert set(request_list_for_staff(office)) == {early, recent}
    assert list(request_list_for_staff(office, StaffFilters(state=State.REGISTERED))) == [recent]
    assert list(request_list_for_staff(office, StaffFilters(unit=units["finance"]))) == [early]
    assert list(request_list_for_staff(staff["handler"], StaffFilters(mine=True))) == [early]
    clock.move_to(at(dt.date(2026, 7, 10)))  # Fri: 2 working days left for the early case
    qs = request_list_for_staff(office)
    rows = request_rows_with_clock(qs, days_left="at_risk", today=clock.today())
    assert [r.case for r in rows] == [early] and rows[0].clock.working_days_left == 2
    clock.move_to(at(dt.date(2026, 7, 15)))
    rows = request_rows_with_clock(request_list_for_staff(office), days_left="overdue", today=clock.today())
    assert [r.case for r in rows] == [early]


def test_reminders_notify_handler_and_office_once_a_day(clock, staff, cases) -> None:  # type: ignore[no-untyped-def]
    staff["handler"].email = "handler@example.gov.cn"
    staff["handler"].save()
    staff["office"].email = "office@example.gov.cn"
    staff["office"].save()
    case = cases.in_state(State.IN_HANDLING)  # due Tue 14 Jul
    clock.move_to(at(dt.date(2026, 7, 10)))
    cases.in_state(State.REGISTERED)  # received today, plenty of time: no reminder
    run = reminders_send()
    assert run.checked == 2 and run.notified == 2
    notes = Notification.objects.filter(request=case)
    assert {n.recipient.username for n in notes} == {"handler", "office"}
    assert {n.kind for n in notes} == {NotificationKind.AT_RISK}
    assert "仅剩2个工作日" in notes[0].message
    assert len(mail.outbox) == 2 and case.tracking_code in mail.outbox[0].subject
    assert reminders_send().notified == 0  # the same day again: nobody is told twice
    clock.move_to(at(dt.date(2026, 7, 15)))
    assert reminders_send().notified == 2
    assert Notification.objects.filter(kind=NotificationKind.OVERDUE).count() == 2


def test_repeat_and_bulk_suggestions(clock, cases) -> None:  # type: ignore[no-untyped-def]
    first = cases.in_state(State.REPLIED)
    again = cases.registered(
        data=person_input(description="请公开2025年苏州市财政局部门预算执行情况及三公经费明细")
    )
    other = cases.registered(data=person_input(id_number=person_id(9)))
    hints = request_suggestions(again, today=clock.today())
    assert [s.case for s in hints.similar] == [first] and hints.suggested_reasons == ["repeated"]
    assert not request_suggestions(other, today=clock.today()).similar
    for n in range(10):
        cases.registered(data=person_input(description=f"请公开第{n}号地块的规划许可证"))
    hints = request_suggestions(again, today=clock.today())
    assert hints.bulk_suspected and hints.recent_count >= 10 and "excessive" in hints.suggested_reasons
    assert description_similarity("请公开A", "") == 0.0
