"""Who is calling the staff API: a bearer token, or the browser's Django session (with CSRF on writes)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from gongkai.accounts import permissions
from gongkai.accounts.models import User
from gongkai.api.services import api_token_authenticate
from gongkai.core.context import Actor, client_ip
from gongkai.core.errors import NotPermitted

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
CSRF_REJECTED = "CSRF 校验失败：请在请求头 X-CSRFToken 中附上 CSRF 令牌，或改用 API 令牌。"
TOKEN_REJECTED = "API 令牌无效或已被吊销。"  # noqa: S105 - a message


class TokenAuth(HttpBearer):
    """``Authorization: Bearer gk_…``; a token that is present but not valid is refused outright (401)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(token.strip())
        if user is None:
            raise AuthenticationError(401, TOKEN_REJECTED)
        request.actor = Actor(user=user, ip=client_ip(request))  # type: ignore[attr-defined]
        return user


class StaffSessionAuth(SessionAuth):
    """The workbench login; unsafe methods must carry the CSRF token (``X-CSRFToken`` header)."""

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        unsafe = request.method not in SAFE_METHODS and not getattr(request, "_ninja_csrf_exempt", False)
        if unsafe and check_csrf(request) is not None:
            raise HttpError(403, CSRF_REJECTED)
        request.actor = Actor(user=user, ip=client_ip(request))  # type: ignore[attr-defined]
        return user


staff_auth = [TokenAuth(), StaffSessionAuth()]


def request_user(request: HttpRequest) -> User:
    """The authenticated staff member of a staff-API request."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def writer_actor(request: HttpRequest) -> Actor:
    """The actor for a write; read-only roles (评估人) are refused before anything is looked at."""
    user = request_user(request)
    if not user.is_superuser and user.role not in permissions.WRITER_ROLES:
        raise NotPermitted(f"{user.get_role_display()}只能查看，不能新建或修改文件。")  # type: ignore[attr-defined]
    actor: Actor = request.actor  # type: ignore[attr-defined]
    if actor.user is None or actor.user.pk != user.pk:
        # Never let a write run as "the system": the actor is always the authenticated user.
        actor = Actor(user=user, ip=client_ip(request))
    return actor
