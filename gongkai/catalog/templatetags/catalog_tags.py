"""Catalog template tags: a document's columns on its public page, and its filing form in the workbench."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.catalog.selectors import document_catalog_nodes as select_nodes
from gongkai.catalog.selectors import document_filing_choices
from gongkai.documents.models import Document

register = template.Library()


@register.inclusion_tag("catalog/_document_nodes.html")
def document_catalog_nodes(document: Document) -> dict[str, Any]:
    """Render the document's columns as links to their public pages (nothing when unfiled)."""
    return {"nodes": select_nodes(document)}


@register.inclusion_tag("catalog/_filing_checkboxes.html", takes_context=True)
def document_filing_form(context: template.Context, document: Document, can_write: bool) -> dict[str, Any]:
    """The workbench form to file a document under its unit's columns (read-only list without
    ``can_write``)."""
    choices = document_filing_choices(document)
    return {
        "doc": document,
        "can_write": can_write,
        "choices": choices,
        "filed": any(c.checked for c in choices),
        "csrf_token": context.get("csrf_token"),
    }
