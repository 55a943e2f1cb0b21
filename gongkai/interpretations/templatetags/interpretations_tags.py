"""``{% policy_interpretations doc %}``: the interpretations and Q&A pairs shown on a policy's page."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.documents.models import Document
from gongkai.interpretations.selectors import interpretation_list_public, qa_pairs_public

register = template.Library()


@register.inclusion_tag("interpretations/_policy_block.html")
def policy_interpretations(doc: Document) -> dict[str, Any]:
    """Published interpretations of ``doc`` and its Q&A pairs (both empty when ``doc`` is not public)."""
    return {
        "interpretations": list(interpretation_list_public(document=doc)),
        "qa_pairs": list(qa_pairs_public(document=doc)),
    }
