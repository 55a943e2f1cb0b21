"""The staff API mirrors the services: same rules, same permissions, Chinese errors, 409 on a stale copy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.api.services import api_token_create
from gongkai.core.context import Actor
from gongkai.core.models import AuditEvent
from gongkai.disclosure.choices import State
from tests.disclosure.factories import PERSON_ID

pytestmark = pytest.mark.django_db

BASE = "/api/v1/staff/disclosure"


def client_for(user: Any) -> Client:
    _, token = api_token_create(actor=Actor.system(), user=user, name="测试")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def post(c: Client, url: str, body: dict[str, Any]) -> Any:
    return c.post(url, body, content_type="application/json")


def test_register_handle_and_reply_over_the_api(clock, staff, units) -> None:  # type: ignore[no-untyped-def]
    office = client_for(staff["office"])
    resp = post(
        office,
        f"{BASE}/requests",
        {
            "addressee_unit": units["city"].code,
            "channel": "fax",
            "date_arrived": "2026-06-12",
            "date_received": "2026-06-15",
            "applicant_kind": "natural_person",
            "applicant_name": "张三",
            "id_type": "resident_id",
            "id_number": PERSON_ID,
            "email": "z@example.com",
            "description": "请公开2025年度部门决算。",
            "medium": "electronic",
            "delivery": "email",
        },
    )
    assert resp.status_code == 201, resp.content.decode()
    body = resp.json()
    case_id, secret = body["case"]["id"], body["secret"]
    assert secret and body["case"]["applicant"]["applicant_name"] == "张三"
    assert body["case"]["clock"]["date_reply_due"] == "2026-07-14"

    resp = post(
        office,
        f"{BASE}/requests/{case_id}/assign",
        {"version": body["case"]["version"], "unit": units["finance"].code, "handler": "handler"},
    )
    assert resp.status_code == 200 and resp.json()["state"] == State.ASSIGNED
    version = resp.json()["version"]

    handler = client_for(staff["handler"])
    resp = post(handler, f"{BASE}/requests/{case_id}/start-handling", {"version": version})
    assert resp.status_code == 200
    version = resp.json()["version"]
    # Stale version → 409 with a Chinese message; an illegal step → 409 too.
    resp = post(handler, f"{BASE}/requests/{case_id}/close", {"version": version - 1})
    assert resp.status_code == 409 and "已被其他工作人员处理" in resp.json()["detail"]
    resp = post(handler, f"{BASE}/requests/{case_id}/close", {"version": version})
    assert resp.status_code == 409 and "不能归档" in resp.json()["detail"]
    resp = post(
        handler,
        f"{BASE}/requests/{case_id}/extend",
        {"version": version, "working_days": 5, "reason": "量大", "approved_by": "admin"},
    )
    assert resp.status_code == 200 and resp.json()["clock"]["extension_working_days"] == 5
    version = resp.json()["version"]
    resp = post(
        handler,
        f"{BASE}/requests/{case_id}/reply",
        {"version": version, "reply_type": "cannot_provide", "reply_text": "经检索，本机关不掌握。"},
    )
    assert resp.status_code == 400 and "reply_reason" in resp.json()["errors"]
    resp = post(
        handler,
        f"{BASE}/requests/{case_id}/reply",
        {
            "version": version,
            "reply_type": "cannot_provide",
            "reply_reason": "not_held",
            "reply_text": "不掌握。",
        },
    )
    assert resp.status_code == 200 and resp.json()["reply_label"] == "无法提供：本机关不掌握相关政府信息"

    listing = handler.get(f"{BASE}/requests").json()
    assert listing["count"] == 1 and "applicant" not in listing["results"][0]


def test_api_permissions(staff, cases) -> None:  # type: ignore[no-untyped-def]
    case = cases.in_state(State.IN_HANDLING)
    assert client_for(staff["other_handler"]).get(f"{BASE}/requests/{case.pk}").status_code == 403
    evaluator = client_for(staff["evaluator"])
    detail = evaluator.get(f"{BASE}/requests/{case.pk}").json()
    assert detail["applicant"] is None
    resp = post(evaluator, f"{BASE}/requests/{case.pk}/close", {"version": case.version})
    assert resp.status_code == 403
    assert not AuditEvent.objects.filter(action="disclosure.view_personal", actor=staff["evaluator"]).exists()
    assert Client().get(f"{BASE}/requests").status_code == 401


def test_bulk_assign_over_the_api(clock, staff, units, cases) -> None:  # type: ignore[no-untyped-def]
    a, b = cases.registered(), cases.registered()
    office = client_for(staff["office"])
    resp = post(office, f"{BASE}/requests/bulk-assign", {"ids": [a.pk, b.pk], "unit": units["finance"].code})
    assert resp.status_code == 200 and {r["state"] for r in resp.json()["results"]} == {State.ASSIGNED}
    assert clock.today() == dt.date(2026, 6, 15)
