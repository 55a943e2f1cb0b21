"""Writes and look-ups on API tokens. The secret is shown once, at creation; only its digest is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.api.models import ApiToken
from gongkai.core.audit import audit_record
from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput

SECRET_PREFIX = "gk_"  # noqa: S105 - a marker, not a secret
MAX_NAME_CHARS = 100
# Recording every single use would turn each read into a write; a minute's precision is enough.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    """The stored form of a token secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: Actor, user: User, name: str, clock: Clock | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its secret, which cannot be recovered later."""
    clock = clock or get_clock()
    name = (name or "").strip()
    if not name:
        raise InvalidInput("令牌名称不能为空。", field="name")
    if len(name) > MAX_NAME_CHARS:
        raise InvalidInput(f"令牌名称不能超过{MAX_NAME_CHARS}个字。", field="name")
    if not user.is_active:
        raise InvalidInput(f"用户 {user.username} 已停用，不能为其创建令牌。", field="user")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, token_hash=hash_secret(secret), created_at=clock.now()
    )
    audit_record(
        actor=actor,
        action="api_token.create",
        obj=token,
        unit=user.unit,
        changes={"name": [None, name], "user": [None, user.username]},
        clock=clock,
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken, clock: Clock | None = None) -> ApiToken:
    """Revoke a token for good; requests carrying it are refused from now on."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked:
        raise InvalidInput("该令牌已被吊销。")
    token.revoked = True
    token.save(update_fields=["revoked"])
    audit_record(
        actor=actor,
        action="api_token.revoke",
        obj=token,
        unit=token.user.unit,
        changes={"revoked": [False, True]},
        clock=clock,
    )
    return token


def api_token_authenticate(secret: str, *, clock: Clock | None = None) -> User | None:
    """The active user a live token belongs to, or ``None`` for an unknown, revoked or orphaned token."""
    if not secret or not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__unit")
        .filter(token_hash=hash_secret(secret), revoked=False)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = (clock or get_clock()).now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
