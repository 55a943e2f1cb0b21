"""一号答 services: one module per workflow, each audited in its own transaction."""

from gongkai.interaction.services.acceptance import ticket_return, ticket_sign
from gongkai.interaction.services.common import ConcurrentChange, current_clock
from gongkai.interaction.services.dispatch import ticket_dispatch, ticket_transfer
from gongkai.interaction.services.feedback import ticket_close, ticket_rate, ticket_reopen
from gongkai.interaction.services.handling import ticket_reply, ticket_start
from gongkai.interaction.services.intake import CreatedTicket, TicketInput, ticket_create

__all__ = [
    "ConcurrentChange",
    "CreatedTicket",
    "TicketInput",
    "current_clock",
    "ticket_close",
    "ticket_create",
    "ticket_dispatch",
    "ticket_rate",
    "ticket_reopen",
    "ticket_reply",
    "ticket_return",
    "ticket_sign",
    "ticket_start",
    "ticket_transfer",
]
