"""Background jobs of 依申请公开. The schedule lives in ``gongkai/core/tasks.py`` (the lead adds it);
these only call services."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def send_deadline_reminders() -> int:
    """提醒: notify handlers and the openness office of at-risk and overdue cases; returns notices sent."""
    from gongkai.disclosure.services import reminders_send

    return reminders_send().notified
