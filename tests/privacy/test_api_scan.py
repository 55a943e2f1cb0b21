"""``POST /api/v1/privacy/scan``."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from gongkai.api.services import api_token_create
from tests.privacy.gate_helpers import CITIZEN, ID_NUMBER, PHONE, login

pytestmark = pytest.mark.django_db
URL = "/api/v1/privacy/scan"


@pytest.fixture(autouse=True)
def _fast(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _post(client: Client, body: object, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def _token(user) -> str:  # type: ignore[no-untyped-def]
    from gongkai.core.context import Actor

    result = api_token_create(actor=Actor(user), user=user, name="测试")
    return result[1] if isinstance(result, tuple) else str(result)


def test_scan_with_bearer_token(clock, staff) -> None:
    token = _token(staff["handler"])
    resp = _post(Client(), {"text": CITIZEN}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert resp.status_code == 200, resp.content
    data = resp.json()
    labels = {f["label"] for f in data["findings"]}
    assert {"PERSON", "ID_CARD", "MOBILE", "ADDRESS"} <= labels
    phone = next(f for f in data["findings"] if f["label"] == "MOBILE")
    assert CITIZEN[phone["start"] : phone["end"]] == PHONE
    assert phone["text"] == PHONE and phone["masked"] == "139****5678" and phone["label_name"] == "手机号码"
    assert PHONE not in data["masked_text"] and ID_NUMBER not in data["masked_text"]


def test_scan_with_session_and_evaluator_gets_no_raw_text(clock, staff) -> None:
    client = login("evaluator")
    resp = _post(client, {"text": CITIZEN})
    assert resp.status_code == 200
    assert all(f["text"] is None for f in resp.json()["findings"])
    assert PHONE not in resp.content.decode()


def test_anonymous_is_refused(clock, staff) -> None:
    resp = _post(Client(), {"text": CITIZEN})
    assert resp.status_code == 401
    assert "令牌" in resp.json()["detail"]


def test_oversize_and_malformed(clock, staff) -> None:
    from gongkai.privacy.api import MAX_SCAN_CHARS

    client = login("handler")
    resp = _post(client, {"text": "字" * (MAX_SCAN_CHARS + 1)})
    assert resp.status_code == 413 and "文本过长" in resp.json()["detail"]
    resp = _post(client, {"txt": "x"})
    assert resp.status_code == 422 and resp.json()["errors"]["text"] == ["此项为必填项。"]
    resp = client.post(URL, "{not json", content_type="application/json")
    assert resp.status_code in {400, 422}
    resp = _post(client, {"text": "   "})
    assert resp.status_code == 400 and "请提供待检查的文本" in resp.json()["detail"]
