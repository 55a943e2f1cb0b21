"""Routing suggestions (unit names, similar past tickets) and redirect hints."""

from __future__ import annotations

import pytest

from gongkai.interaction.choices import RedirectKind, TicketType, Urgency
from gongkai.interaction.selectors import redirect_hints, suggest_units, time_limit_for, unit_keywords

pytestmark = pytest.mark.django_db


def test_unit_keywords(units) -> None:  # type: ignore[no-untyped-def]
    assert {"苏州市财政局", "财政局", "财政"} <= unit_keywords(units["finance"])


def test_keyword_suggestion_with_reason(units) -> None:  # type: ignore[no-untyped-def]
    found = suggest_units(
        subject="财政补贴迟迟未到账", content="申请的补贴一直没有发放。", within=units["city"]
    )
    assert found and found[0].unit in (units["finance"], units["district_dept"])
    assert {s.unit for s in found} >= {units["finance"]}
    assert any("财政" in r for r in found[0].reasons)
    assert units["city"] not in {s.unit for s in found}


def test_similar_past_ticket_suggests_its_unit(tickets, units) -> None:  # type: ignore[no-untyped-def]
    past = tickets.in_state("handling")  # dispatched to finance: 小区门口道路积水
    found = suggest_units(
        subject="小区门口道路积水", content="平江路小区门口下雨积水严重", within=units["city"]
    )
    assert found[0].unit == units["finance"]
    assert any(past.tracking_code in r for r in found[0].reasons)


def test_nothing_to_suggest(units) -> None:  # type: ignore[no-untyped-def]
    assert suggest_units(subject="你好", content="谢谢", within=units["city"]) == []


def test_redirect_hints() -> None:
    kinds = {h.kind for h in redirect_hints("申请", "我要申请公开2025年本区征收补偿的政府信息")}
    assert kinds == {RedirectKind.DISCLOSURE}
    kinds = {h.kind for h in redirect_hints("起诉", "我已向法院起诉，同时去信访局上访过")}
    assert kinds == {RedirectKind.LAWSUIT, RedirectKind.PETITION}
    assert redirect_hints("路灯不亮", "平江路路灯坏了") == []


def test_seeded_time_limits() -> None:
    assert time_limit_for(TicketType.CONSULTATION, Urgency.NORMAL) == 5
    assert time_limit_for(TicketType.COMPLAINT, Urgency.NORMAL) == 10
    assert time_limit_for(TicketType.REPORT, Urgency.NORMAL) == 15
    assert time_limit_for(TicketType.REPORT, Urgency.URGENT) == 1
