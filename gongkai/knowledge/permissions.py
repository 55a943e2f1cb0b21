"""Who may do what with a knowledge entry, on top of ``accounts.permissions``.

- Writers of the entry's unit (its handlers; unit admins and the openness office over it) create,
  edit, submit, revise and propose entries from their tickets.
- Reviewers of the unit's subtree (unit admins, the openness office) approve, reject and expire; never
  an entry they wrote or submitted themselves (four-eyes).
- Whoever may read the unit's workbench (evaluators included) sees its entries and the stale list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.accounts import permissions as base

if TYPE_CHECKING:
    from gongkai.accounts.models import User
    from gongkai.knowledge.models import KnowledgeEntry
    from gongkai.units.models import Unit


def can_write(user: User, unit: Unit) -> bool:
    return base.can_write(user, unit)


def can_review(user: User, unit: Unit) -> bool:
    return base.can_review(user, unit)


def can_view(user: User, entry: KnowledgeEntry) -> bool:
    return user.is_superuser or base.can_read_workbench(user, entry.unit)


def is_author(user: User, entry: KnowledgeEntry) -> bool:
    """The user wrote the working version or submitted it: they may not approve it."""
    ids = {entry.submitted_by_id}
    if entry.current_version is not None:
        ids.add(entry.current_version.created_by_id)
    return user.pk in ids
