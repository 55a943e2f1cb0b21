"""诉求统计: counts by type, unit and district, on-time and satisfaction rates, hot words, the period,
the CSV, and the scope (a unit sees its own subtree only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.accounts.models import User
from gongkai.interaction.choices import Rating, TicketType, Urgency
from gongkai.interaction.models import Ticket
from gongkai.interaction.selectors import district_names, hot_words, ticket_stats
from gongkai.interaction.services import (
    ticket_dispatch,
    ticket_rate,
    ticket_reply,
    ticket_sign,
    ticket_start,
    tickets_escalate_overdue,
)
from tests.interaction.conftest import at

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def _handled(tickets: Any, unit: str = "finance", **overrides: Any) -> Ticket:
    t = tickets.create(**overrides)
    t = ticket_dispatch(actor=tickets.actor("office"), ticket=t, unit=tickets.units[unit])
    handler = tickets.actor("handler") if unit == "finance" else tickets.actor("office")
    return ticket_start(actor=handler, ticket=ticket_sign(actor=handler, ticket=t))


@pytest.fixture
def sample(tickets, clock) -> dict[str, Ticket]:  # type: ignore[no-untyped-def]
    """Five tickets in 2026 and one in 2025:

    - on time + 满意 (姑苏区), late + 不满意 (姑苏), replied on time + 基本满意, open + overdue (督办),
      one at the district's department; one of 2025 outside the default period.
    """
    clock.move_to(at(2025, 12, 1))
    old = tickets.create(subject="去年的道路积水", place="姑苏区")
    clock.move_to(at(2026, 6, 15))
    office, handler = tickets.actor("office"), tickets.actor("handler")
    on_time = _handled(tickets, place="姑苏区平江路", urgency=Urgency.URGENT)
    late = _handled(tickets, place="姑苏干将路", urgency=Urgency.URGENT)
    basically = _handled(tickets, ticket_type=TicketType.CONSULTATION, subject="社保缴费咨询", place="")
    overdue = _handled(tickets, subject="噪音扰民", place="工业园区", urgency=Urgency.URGENT)
    district = _handled(tickets, unit="district_dept", subject="道路积水")
    on_time = ticket_reply(actor=handler, ticket=on_time, reply_text="已处理。")
    ticket_rate(actor=office, ticket=on_time, rating=Rating.SATISFIED)
    basically = ticket_reply(actor=handler, ticket=basically, reply_text="已答复。")
    ticket_rate(actor=office, ticket=basically, rating=Rating.BASICALLY)
    clock.move_to(at(2026, 6, 17))  # urgent tickets were due on 06-16
    late = ticket_reply(actor=handler, ticket=late, reply_text="已处理。")
    ticket_rate(actor=office, ticket=late, rating=Rating.DISSATISFIED)
    tickets_escalate_overdue()  # 督办 of the open urgent one
    return {
        "old": old,
        "on_time": on_time,
        "late": late,
        "basically": basically,
        "overdue": overdue,
        "district": district,
    }


def test_district_names_from_units(units) -> None:  # type: ignore[no-untyped-def]
    assert district_names() == [("姑苏区", ("姑苏区", "姑苏"))]


def test_numbers(sample, clock) -> None:  # type: ignore[no-untyped-def]
    s = ticket_stats(Ticket.objects.all(), date_from=YEAR[0], date_to=YEAR[1], clock=clock)
    assert s.total == 5
    assert {r.label: r.count for r in s.by_type} == {"投诉": 4, "咨询": 1}
    assert {r.label: r.count for r in s.by_unit} == {"苏州市财政局": 4, "姑苏区财政局": 1}
    assert {r.label: r.count for r in s.by_place} == {"姑苏区": 2, "未识别区县": 3}
    assert (s.replied, s.replied_on_time) == (3, 2)
    assert (s.rated, s.satisfied) == (3, 2)
    assert s.on_time_rate == pytest.approx(2 / 3) and s.satisfaction_rate == pytest.approx(2 / 3)
    assert s.supervised == 1
    hot = {r.label: r.count for r in s.hot_words}
    assert hot["积水"] == 3 and "噪音" in hot
    assert "咨询" not in hot  # a stop-word


def test_period(sample, clock) -> None:  # type: ignore[no-untyped-def]
    s = ticket_stats(
        Ticket.objects.all(), date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31), clock=clock
    )
    assert s.total == 1 and s.replied == 0 and s.on_time_rate is None and s.satisfaction_rate is None


def test_hot_words_count_each_subject_once() -> None:
    words = {r.label: r.count for r in hot_words(["道路积水积水", "道路积水", "的 和"])}
    assert words["积水"] == 2 and "的" not in words


def _client(user: User) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def _total(page: str) -> str:
    start = page.index('id="stats-total">') + len('id="stats-total">')
    return page[start : page.index("<", start)]


def test_page_scope_and_csv(sample, staff) -> None:  # type: ignore[no-untyped-def]
    url = "/workbench/tickets/stats/"
    office = _client(staff["office"]).get(url)
    assert office.status_code == 200
    page = office.content.decode()
    assert _total(page) == "5 件" and "67%" in page and "2026-01-01" in page
    # a handler of the finance bureau: the tickets at the bureau only
    assert _total(_client(staff["handler"]).get(url).content.decode()) == "4 件"
    # the district's office: its subtree only; a handler of another unit: nothing
    assert _total(_client(staff["district_office"]).get(url).content.decode()) == "1 件"
    assert _total(_client(staff["other_handler"]).get(url).content.decode()) == "0 件"
    # the period filter
    past = _client(staff["office"]).get(url, {"date_from": "2025-01-01", "date_to": "2025-12-31"})
    assert _total(past.content.decode()) == "1 件"

    csv = _client(staff["office"]).get("/workbench/tickets/stats/csv/")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert "按类型,投诉,4" in body and "按区县,姑苏区,2" in body
    assert "13800000000" not in body and "张三" not in body

    assert Client().get(url).status_code == 302  # login required
