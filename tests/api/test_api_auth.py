"""Bearer tokens and session authentication of the staff API."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from gongkai.api.models import ApiToken
from gongkai.api.services import api_token_revoke
from gongkai.core.context import Actor
from gongkai.core.models import AuditEvent
from gongkai.documents.models import Document
from tests.api.helpers import TokenClient, doc_payload, login, post_json, token_client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/staff/documents"
UNAUTHORISED = "请先登录，或在请求头 Authorization: Bearer <令牌> 中提供有效的 API 令牌。"


def _create_token(username: str, name: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", username, name, stdout=out, stderr=err)
    assert "无法再次查看" in err.getvalue()
    return out.getvalue().strip()


def test_command_prints_the_secret_once_and_stores_only_its_hash(clock, staff) -> None:
    secret = _create_token("handler", "财政局数据同步")
    assert secret.startswith("gk_") and len(secret) > 40
    token = ApiToken.objects.get()
    assert token.user == staff["handler"] and token.name == "财政局数据同步" and not token.revoked
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.created_at == clock.now() and token.last_used_at is None
    # The secret itself is nowhere in the database: not in the token row, not in the audit trail.
    assert secret not in str(list(ApiToken.objects.values()))
    assert secret not in str(list(AuditEvent.objects.values()))
    assert AuditEvent.objects.filter(action="api_token.create").count() == 1


def test_command_refuses_unknown_user_and_empty_name(staff) -> None:
    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        call_command("create_api_token", "nobody", "x", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="令牌名称不能为空"):
        call_command("create_api_token", "handler", "  ", stdout=io.StringIO(), stderr=io.StringIO())
    assert not ApiToken.objects.exists()


def test_token_authenticates_and_records_use(clock, staff) -> None:
    secret = _create_token("handler", "同步")
    response = TokenClient(secret).get(BASE)
    assert response.status_code == 200
    assert ApiToken.objects.get().last_used_at == clock.now()
    created = post_json(TokenClient(secret), BASE, doc_payload())  # no CSRF needed with a token
    assert created.status_code == 201
    event = AuditEvent.objects.get(action="document.create")
    assert event.actor == staff["handler"] and event.ip == "127.0.0.1"


def test_revoked_token_is_refused(clock, staff) -> None:
    secret = _create_token("handler", "同步")
    call_command("revoke_api_token", str(ApiToken.objects.get().pk), stdout=io.StringIO())
    assert ApiToken.objects.get().revoked
    response = TokenClient(secret).get(BASE)
    assert response.status_code == 401
    assert response.json() == {"detail": "API 令牌无效或已被吊销。", "errors": {}}
    assert response["WWW-Authenticate"].startswith("Bearer")
    before = Document.objects.count()
    assert post_json(TokenClient(secret), BASE, doc_payload()).status_code == 401
    assert Document.objects.count() == before


def test_revoking_twice_is_explained(clock, staff) -> None:
    _create_token("handler", "同步")
    token = ApiToken.objects.get()
    api_token_revoke(actor=Actor.system(), token=token)
    with pytest.raises(CommandError, match="该令牌已被吊销"):
        call_command("revoke_api_token", str(token.pk), stdout=io.StringIO())


@pytest.mark.parametrize(
    "header", ["Bearer gk_not-a-real-token", "Bearer ", "Bearer abc", "Bearer " + "x" * 500]
)
def test_unknown_tokens_are_refused(clock, staff, header) -> None:
    response = Client(headers={"Authorization": header}).get(BASE)
    assert response.status_code == 401
    assert response.json()["detail"] in {"API 令牌无效或已被吊销。", UNAUTHORISED}


def test_token_of_deactivated_user_is_refused(clock, staff) -> None:
    client = token_client(staff["handler"])
    staff["handler"].is_active = False
    staff["handler"].save()
    assert client.get(BASE).status_code == 401


def test_anonymous_staff_request_is_401(db) -> None:
    for response in (Client().get(BASE), post_json(Client(), BASE, doc_payload())):
        assert response.status_code == 401
        assert response.json() == {"detail": UNAUTHORISED, "errors": {}}


def test_session_writes_need_csrf(clock, staff) -> None:
    client = login(staff["handler"], enforce_csrf=True)
    assert client.get(BASE).status_code == 200  # reads need no CSRF token
    refused = post_json(client, BASE, doc_payload())
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert not Document.objects.exists()

    page = client.get("/api/v1/docs")  # any page that renders a CSRF token sets the cookie
    csrf = page.cookies["csrftoken"].value
    accepted = client.post(
        BASE, data=doc_payload(), content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert accepted.status_code == 201, accepted.json()
    event = AuditEvent.objects.get(action="document.create")
    assert event.actor == staff["handler"]


def test_bad_token_does_not_fall_back_to_the_session(clock, staff) -> None:
    client = login(staff["handler"])
    response = client.get(BASE, headers={"Authorization": "Bearer gk_wrong"})
    assert response.status_code == 401
