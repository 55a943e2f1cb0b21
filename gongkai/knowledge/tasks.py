"""Background work of the knowledge base. The schedule lives in ``gongkai/core/tasks.py``; this job
only calls the service."""

from __future__ import annotations

from gongkai.knowledge.services import StaleResult, entries_flag_stale


def flag_stale_entries() -> StaleResult:
    """待复核: flag public entries past their review date or with a lapsed linked document."""
    return entries_flag_stale()
