"""Writes on government information. Every function takes the acting user and a clock, runs in one
transaction and records its audit event in it."""

from gongkai.documents.services.attachments import attachment_add, attachment_remove
from gongkai.documents.services.editing import document_create, document_import_published, document_update
from gongkai.documents.services.inputs import DocumentInput
from gongkai.documents.services.publishing import (
    document_approve,
    document_publish_due,
    document_reopen,
    document_revise,
    document_send_back,
    document_set_validity,
    document_submit,
    document_supersede,
    document_withdraw,
)

__all__ = [
    "DocumentInput",
    "attachment_add",
    "attachment_remove",
    "document_approve",
    "document_create",
    "document_import_published",
    "document_publish_due",
    "document_reopen",
    "document_revise",
    "document_send_back",
    "document_set_validity",
    "document_submit",
    "document_supersede",
    "document_update",
    "document_withdraw",
]
