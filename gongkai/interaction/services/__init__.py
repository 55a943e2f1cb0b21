"""一号答 services: one module per workflow, each audited in its own transaction."""

from gongkai.interaction.services.acceptance import ticket_return, ticket_sign
from gongkai.interaction.services.common import ConcurrentChange, current_clock
from gongkai.interaction.services.dispatch import ticket_dispatch, ticket_transfer
from gongkai.interaction.services.feedback import ticket_close, ticket_rate, ticket_reopen
from gongkai.interaction.services.handling import ticket_reply, ticket_start
from gongkai.interaction.services.intake import CreatedTicket, TicketInput, ticket_create
from gongkai.interaction.services.publication import (
    TicketSubject,
    ticket_publish_exchange,
    ticket_subject,
    ticket_unpublish_exchange,
)
from gongkai.interaction.services.redirect import ConvertedTicket, ticket_convert_to_disclosure
from gongkai.interaction.services.supervision import (
    SupervisionRun,
    ticket_acknowledge_supervision,
    tickets_escalate_overdue,
    tickets_send_reminders,
)

__all__ = [
    "ConcurrentChange",
    "ConvertedTicket",
    "CreatedTicket",
    "SupervisionRun",
    "TicketInput",
    "TicketSubject",
    "current_clock",
    "ticket_acknowledge_supervision",
    "ticket_close",
    "ticket_convert_to_disclosure",
    "ticket_create",
    "ticket_dispatch",
    "ticket_publish_exchange",
    "ticket_rate",
    "ticket_reopen",
    "ticket_reply",
    "ticket_return",
    "ticket_sign",
    "ticket_start",
    "ticket_subject",
    "ticket_transfer",
    "ticket_unpublish_exchange",
    "tickets_escalate_overdue",
    "tickets_send_reminders",
]
