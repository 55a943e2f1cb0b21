"""Pluggable delivery of staff reminders beyond the in-app notification.

``settings.GONGKAI_DISCLOSURE_NOTIFIER`` names a class with ``send(recipient, subject, body)``; the
default sends e-mail through Django's configured backend (console in development, locmem in tests).
A failed delivery is logged and never undoes the in-app notice.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from gongkai.accounts.models import User

log = logging.getLogger(__name__)

DEFAULT_NOTIFIER = "gongkai.disclosure.notify.EmailNotifier"


class Notifier(Protocol):
    def send(self, recipient: User, subject: str, body: str) -> None: ...


class EmailNotifier:
    def send(self, recipient: User, subject: str, body: str) -> None:
        if not recipient.email:
            return
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
        except Exception:  # a mail server outage must not stop the reminder run
            log.exception("reminder e-mail to user %s failed", recipient.pk)


class NullNotifier:
    def send(self, recipient: User, subject: str, body: str) -> None:
        return None


def get_notifier() -> Notifier:
    path = getattr(settings, "GONGKAI_DISCLOSURE_NOTIFIER", DEFAULT_NOTIFIER)
    notifier: Notifier = import_string(path)()
    return notifier
