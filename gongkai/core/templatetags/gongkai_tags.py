"""Template helpers shared by every app."""

from django import template

from gongkai.core.action_labels import ACTION_LABELS

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    """The Chinese name of an audit action code (the code itself when unknown)."""
    return ACTION_LABELS.get(code, code)
