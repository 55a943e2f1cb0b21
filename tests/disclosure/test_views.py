"""Staff pages over HTTP: the list, registering, the case page with its forms, permissions across units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.disclosure.choices import State
from gongkai.disclosure.models import DisclosureRequest
from tests.conftest import PASSWORD
from tests.disclosure.factories import PERSON_ID, at

pytestmark = pytest.mark.django_db


def login(username: str) -> Client:
    c = Client(REMOTE_ADDR="192.0.2.10")
    resp = c.post(reverse("workbench:login"), {"username": username, "password": PASSWORD})
    assert resp.status_code == 302, resp.content.decode()[:500]
    return c


REGISTER = {
    "channel": "letter_registered",
    "date_arrived": "2026-06-12",
    "date_received": "2026-06-12",
    "applicant_kind": "natural_person",
    "applicant_name": "张三",
    "id_type": "resident_id",
    "id_number": PERSON_ID,
    "phone": "13912345678",
    "address": "苏州市姑苏区人民路1号",
    "description": "请公开2025年度财政预算执行情况。",
    "medium": "paper",
    "delivery": "post",
}


def test_register_a_letter_and_walk_it_on_the_case_page(clock, staff, units) -> None:  # type: ignore[no-untyped-def]
    office = login("office")
    resp = office.post(reverse("disclosure:new"), {**REGISTER, "addressee_unit": units["city"].pk})
    assert resp.status_code == 302, resp.content.decode()[:2000]
    case = DisclosureRequest.objects.get()
    assert case.date_received == dt.date(2026, 6, 12) and case.state == State.REGISTERED
    page = office.get(resp["Location"], follow=True).content.decode()
    assert "查询密码" in page and case.tracking_code in page
    assert "张三" in page and PERSON_ID in page  # the openness office sees the applicant …
    assert AuditEvent.objects.filter(action="disclosure.view_personal").count() >= 1  # … audited

    url = reverse("disclosure:action", args=[case.pk, "assign"])
    resp = office.post(
        url, {"version": case.version, "unit": units["finance"].pk, "handler": staff["handler"].pk}
    )
    assert resp.status_code == 302
    handler = login("handler")
    case.refresh_from_db()
    resp = handler.post(
        reverse("disclosure:action", args=[case.pk, "start_handling"]), {"version": case.version}
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    page = handler.get(reverse("disclosure:detail", args=[case.pk])).content.decode()
    assert "剩余" in page and "答复" in page and "征求意见" in page
    # A reply without its sub-reason is refused on the page, nothing changes.
    resp = handler.post(
        reverse("disclosure:action", args=[case.pk, "reply"]),
        {"version": case.version, "reply_type": "withhold", "reply_text": "不予公开"},
    )
    assert resp.status_code == 400 and "不予公开的理由" in resp.content.decode()
    case.refresh_from_db()
    assert case.state == State.IN_HANDLING
    # A stale page (old version) is refused with a clear message.
    resp = handler.post(reverse("disclosure:action", args=[case.pk, "close"]), {"version": case.version - 1})
    assert resp.status_code == 409 and "已被其他工作人员处理" in resp.content.decode()
    resp = handler.post(
        reverse("disclosure:action", args=[case.pk, "reply"]),
        {"version": case.version, "reply_type": "disclose", "reply_text": "现提供给您。"},
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == State.REPLIED


def test_in_person_receipt_date_rule_shown_on_the_form(staff, units) -> None:  # type: ignore[no-untyped-def]
    office = login("office")
    data = {
        **REGISTER,
        "channel": "in_person",
        "date_received": "2026-06-15",
        "addressee_unit": units["city"].pk,
    }
    resp = office.post(reverse("disclosure:new"), data)
    assert resp.status_code == 200 and "以提交之日为收到申请之日" in resp.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_list_filters_and_bulk_assign(clock, staff, units, cases) -> None:  # type: ignore[no-untyped-def]
    a, b = cases.registered(), cases.registered()
    office = login("office")
    page = office.get(reverse("disclosure:list")).content.decode()
    assert a.tracking_code in page and b.tracking_code in page and "张三" not in page
    resp = office.post(
        reverse("disclosure:bulk_assign"),
        {"ids": [a.pk, b.pk], "unit": units["finance"].pk, "handler": staff["handler"].pk},
        follow=True,
    )
    assert "已将2件申请分办" in resp.content.decode()
    assert set(DisclosureRequest.objects.values_list("state", flat=True)) == {State.ASSIGNED}
    page = office.get(reverse("disclosure:list"), {"state": "registered"}).content.decode()
    assert a.tracking_code not in page
    page = office.get(reverse("disclosure:list"), {"days_left": "overdue"}).content.decode()
    assert a.tracking_code not in page
    clock.move_to(at(dt.date(2026, 7, 20)))
    page = office.get(reverse("disclosure:list"), {"days_left": "overdue"}).content.decode()
    assert a.tracking_code in page and "已超期" in page


def test_query_count_of_the_list_is_flat(clock, staff, cases, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        cases.in_state(State.IN_HANDLING)
    office = login("office")
    office.get(reverse("disclosure:list"))
    with django_assert_max_num_queries(20) as ctx:
        office.get(reverse("disclosure:list"))
    few = len(ctx.captured_queries)
    for _ in range(5):
        cases.in_state(State.IN_HANDLING)
    with django_assert_max_num_queries(few) as ctx:
        office.get(reverse("disclosure:list"))


def test_permissions_across_units(staff, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.IN_HANDLING)
    assert login("other_handler").get(reverse("disclosure:detail", args=[case.pk])).status_code == 403
    assert login("district_office").get(reverse("disclosure:detail", args=[case.pk])).status_code == 403
    evaluator = login("evaluator")
    page = evaluator.get(reverse("disclosure:detail", args=[case.pk])).content.decode()
    assert "仅承办单位和公开办可见" in page and "张三" not in page and PERSON_ID not in page
    assert 'id="act-' not in page  # no action forms for a read-only role
    resp = evaluator.post(reverse("disclosure:action", args=[case.pk, "close"]), {"version": case.version})
    assert resp.status_code == 409 or resp.status_code == 403
    case.refresh_from_db()
    assert case.state == State.IN_HANDLING
    # A handler of another unit cannot act either.
    resp = login("other_handler").post(
        reverse("disclosure:action", args=[case.pk, "reply"]),
        {"version": case.version, "reply_type": "disclose", "reply_text": "x"},
    )
    assert resp.status_code == 403
    assert not AuditEvent.objects.filter(
        action="disclosure.view_personal", actor__username="evaluator"
    ).exists()


@pytest.mark.parametrize("state", State.values)
def test_case_page_renders_in_every_state(state, staff, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(state)
    page = login("office").get(reverse("disclosure:detail", args=[case.pk]))
    assert page.status_code == 200 and case.tracking_code in page.content.decode()
