"""``{% if ticket|may_publish:request.user %}``: whether the staff page offers 公开此诉求及答复."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.interaction import permissions
from gongkai.interaction.models import Ticket

register = template.Library()


@register.filter
def may_publish(ticket: Ticket, user: Any) -> bool:
    """The hotline centre (or a superuser) may publish or withdraw a ticket's exchange."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or permissions.can_dispatch(user, ticket))
