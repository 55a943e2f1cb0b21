"""The citizen's side of 一号答: filing online (one-time form token, per-address limit), looking a
ticket up with its code and query password (constant-time, one generic answer, failures limited),
and the online rating / reopening of a replied ticket (recorded by the system actor).

The limits reuse the public attempt counter of 依申请公开 (``PublicAttempt``) under their own scopes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import replace

from django.conf import settings
from django.db import transaction

from gongkai.core.clock import Clock, get_clock
from gongkai.core.context import Actor
from gongkai.core.errors import ApplicationError, InvalidInput
from gongkai.disclosure.models import PublicAttempt
from gongkai.interaction.choices import Channel, Urgency
from gongkai.interaction.models import Ticket
from gongkai.interaction.services.feedback import ticket_rate, ticket_reopen
from gongkai.interaction.services.intake import CreatedTicket, TicketInput, hash_secret, ticket_create
from gongkai.units.models import Unit

# House rules, not law.
FILINGS_PER_HOUR = 5
LOOKUP_FAILURES_PER_WINDOW = 10
LOOKUP_FAILURES_PER_CODE = 20
LOOKUP_WINDOW = dt.timedelta(minutes=15)
WRONG_PAIR = "查询码或查询密码不正确。"


class RateLimited(ApplicationError):
    status_code = 429


class DuplicateSubmission(ApplicationError):
    status_code = 409


def hotline_unit() -> Unit | None:
    """The unit that receives online tickets: ``GONGKAI_HOTLINE_UNIT_CODE`` or the top active unit."""
    code = getattr(settings, "GONGKAI_HOTLINE_UNIT_CODE", "")
    qs = Unit.objects.filter(is_active=True)
    if code:
        return qs.filter(code=code).first()
    return qs.filter(parent__isnull=True).order_by("path").first()


def _key(value: str | None, scope: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"yhd:{scope}:{value or '-'}".encode(), hashlib.sha256
    ).hexdigest()


def _count(scope: str, key: str, since: dt.datetime) -> int:
    return PublicAttempt.objects.filter(scope=scope, key=key, at__gt=since).count()


def _hit(scope: str, key: str, now: dt.datetime) -> None:
    PublicAttempt.objects.create(scope=scope, key=key, at=now)
    PublicAttempt.objects.filter(scope=scope, key=key, at__lt=now - dt.timedelta(days=1)).delete()


@transaction.atomic
def ticket_file_online(
    *, actor: Actor, data: TicketInput, form_token: str, clock: Clock | None = None
) -> CreatedTicket:
    """A ticket filed on the website: channel 网站, urgency 一般 (the centre grades urgency)."""
    clock = clock or get_clock()
    now = clock.now()
    token_key = _key(form_token, "token")
    if PublicAttempt.objects.filter(scope="yhd_token", key=token_key).exists():
        raise DuplicateSubmission("该诉求已经提交过，请勿重复提交。")
    ip_key = _key(actor.ip, "ip")
    if _count("yhd_file", ip_key, now - dt.timedelta(hours=1)) >= FILINGS_PER_HOUR:
        raise RateLimited(f"提交过于频繁：同一网络地址每小时最多提交{FILINGS_PER_HOUR}件诉求，请稍后再试。")
    unit = hotline_unit()
    if unit is None:
        raise InvalidInput("暂未设置受理单位，请拨打服务热线反映。")
    online = replace(data, channel=Channel.WEBSITE, urgency=Urgency.NORMAL)
    created = ticket_create(actor=Actor(user=None, ip=actor.ip), hotline_unit=unit, data=online, clock=clock)
    PublicAttempt.objects.create(scope="yhd_token", key=token_key, at=now)
    _hit("yhd_file", ip_key, now)
    return created


def ticket_lookup(*, tracking_code: str, secret: str, ip: str | None, clock: Clock | None = None) -> Ticket:
    """The ticket whose code and password match, or one generic error; failures are limited."""
    clock = clock or get_clock()
    now = clock.now()
    code = (tracking_code or "").strip().upper()[:20]
    since = now - LOOKUP_WINDOW
    ip_key, code_key = _key(ip, "ip"), _key(code, "code")
    if _count("yhd_lookup", ip_key, since) >= LOOKUP_FAILURES_PER_WINDOW or (
        _count("yhd_lookup_code", code_key, since) >= LOOKUP_FAILURES_PER_CODE
    ):
        raise RateLimited("查询失败次数过多，请15分钟后再试。")
    ticket = Ticket.objects.select_related("hotline_unit", "current_unit").filter(tracking_code=code).first()
    expected = ticket.secret_hash if ticket is not None else "0" * 64
    ok = hmac.compare_digest(expected, hash_secret((secret or "").strip()))
    if ticket is None or not ok:
        with transaction.atomic():
            _hit("yhd_lookup", ip_key, now)
            _hit("yhd_lookup_code", code_key, now)
        raise InvalidInput(WRONG_PAIR)
    return ticket


def session_matches(ticket: Ticket, stored_hash: str) -> bool:
    return hmac.compare_digest(ticket.secret_hash, stored_hash or "")


def ticket_rate_online(*, ticket: Ticket, rating: str, note: str = "", ip: str | None = None) -> Ticket:
    return ticket_rate(actor=Actor(user=None, ip=ip), ticket=ticket, rating=rating, note=note)


def ticket_reopen_online(*, ticket: Ticket, reason: str, ip: str | None = None) -> Ticket:
    return ticket_reopen(actor=Actor(user=None, ip=ip), ticket=ticket, reason=reason)
