"""Reads for the portal's published exchanges (``/yhd/public/``): masked public texts only.

A ticket is shown while it is published, replied or closed, and its public texts were made from its
current subject, content and reply (a reopened ticket leaves the portal; after the new reply the
hotline centre publishes it again through the privacy gate).
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.interaction.models import Ticket
from gongkai.interaction.services.publication import PUBLISHABLE_STATES, drafts_current

PUBLIC_FIELDS = (
    "id",
    "ticket_type",
    "state",
    "public_subject",
    "public_content",
    "public_reply",
    "public_source",
    "subject",
    "content",
    "reply_text",
    "consent_publish",
    "created_at",
    "date_replied",
    "date_closed",
    "published_at",
    "hotline_unit__name",
    "current_unit__name",
)


def published_exchanges(*, ticket_type: str = "") -> QuerySet[Ticket]:
    """Published exchanges, newest publication first; optionally of one ticket type."""
    qs = (
        Ticket.objects.filter(published_at__isnull=False, consent_publish=True, state__in=PUBLISHABLE_STATES)
        .exclude(public_source="")
        .select_related("hotline_unit", "current_unit")
        .only(*PUBLIC_FIELDS)
        .order_by("-published_at", "-id")
    )
    return qs.filter(ticket_type=ticket_type) if ticket_type else qs


def published_exchange_get(pk: int) -> Ticket | None:
    """One published exchange, or None (not published, withdrawn, or its texts are out of date)."""
    ticket = published_exchanges().filter(pk=pk).first()
    if ticket is None or not drafts_current(ticket):
        return None
    return ticket
