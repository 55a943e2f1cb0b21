"""Who is acting and from where: passed to every service that changes something."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.accounts.models import User


@dataclass(frozen=True)
class Actor:
    """The acting user (``None`` for the system itself) and the address the request came from."""

    user: User | None
    ip: str | None = None

    @classmethod
    def system(cls) -> Actor:
        return cls(user=None, ip=None)

    @classmethod
    def from_request(cls, request: Any) -> Actor:
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        return cls(user=user, ip=client_ip(request))

    @property
    def label(self) -> str:
        if self.user is None:
            return "系统"
        return self.user.get_full_name() or self.user.username


def client_ip(request: Any) -> str | None:
    """The client address; X-Forwarded-For is trusted only when GONGKAI_TRUST_PROXY is set."""
    from django.conf import settings

    if getattr(settings, "GONGKAI_TRUST_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded.split(",")[0].strip())
    addr = request.META.get("REMOTE_ADDR")
    return str(addr) if addr else None
