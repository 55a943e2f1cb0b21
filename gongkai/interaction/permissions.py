"""Who may do what with a 一号答 ticket, on top of ``accounts.permissions``.

- The hotline centre (writers of the ticket's ``hotline_unit`` subtree: its handlers, unit admins and
  the openness office over it) dispatches, transfers, records the rating, reopens and closes.
- The current unit's writers sign, return, start handling and reply. A handler of another unit is
  refused.
- Anyone who may read the workbench of the hotline unit or the current unit sees the ticket.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.accounts import permissions as base

if TYPE_CHECKING:
    from gongkai.accounts.models import User
    from gongkai.interaction.models import Ticket
    from gongkai.units.models import Unit


def can_receive(user: User, hotline_unit: Unit) -> bool:
    return base.can_write(user, hotline_unit)


def can_dispatch(user: User, ticket: Ticket) -> bool:
    return base.can_write(user, ticket.hotline_unit)


def can_handle(user: User, ticket: Ticket) -> bool:
    return ticket.current_unit is not None and base.can_write(user, ticket.current_unit)


def can_view(user: User, ticket: Ticket) -> bool:
    units = [ticket.hotline_unit] + ([ticket.current_unit] if ticket.current_unit else [])
    return any(base.can_read_workbench(user, u) for u in units)
