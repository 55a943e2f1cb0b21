"""Background work of the gate (queued from ``gongkai/core/tasks.py`` or by hand)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def privacy_scan_published_task(unit_ids: list[int] | None = None) -> int:
    """Scan published documents; returns how many have open findings."""
    from gongkai.privacy.services import privacy_scan_published

    return len(privacy_scan_published(unit_ids=unit_ids).hits)
