"""知识库 services: one module per workflow, each audited in its own transaction."""

from gongkai.knowledge.services.authoring import entry_create, entry_edit, entry_revise, entry_submit
from gongkai.knowledge.services.common import ConcurrentChange, EntryInput
from gongkai.knowledge.services.proposal import entry_propose_from_ticket, mask_ticket_text
from gongkai.knowledge.services.review import entry_approve, entry_expire, entry_reject
from gongkai.knowledge.services.stale import StaleResult, entries_flag_stale

__all__ = [
    "ConcurrentChange",
    "EntryInput",
    "StaleResult",
    "entries_flag_stale",
    "entry_approve",
    "entry_create",
    "entry_edit",
    "entry_expire",
    "entry_propose_from_ticket",
    "entry_reject",
    "entry_revise",
    "entry_submit",
    "mask_ticket_text",
]
