"""``{% document_catalog_nodes doc %}``: the catalogue columns a document is filed under."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.catalog.selectors import document_catalog_nodes as select_nodes
from gongkai.documents.models import Document

register = template.Library()


@register.inclusion_tag("catalog/_document_nodes.html")
def document_catalog_nodes(document: Document) -> dict[str, Any]:
    """Render the document's columns as links to their public pages (nothing when unfiled)."""
    return {"nodes": select_nodes(document)}
