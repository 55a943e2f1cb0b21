"""Background jobs of 一号答. The schedule lives in ``gongkai/core/tasks.py``; these only call services."""

from __future__ import annotations


def run_daily_supervision() -> tuple[int, int]:
    """到期提醒 and 督办 of the day; returns (reminders, 督办 records) created. Safe to run twice."""
    from gongkai.interaction.services import tickets_escalate_overdue, tickets_send_reminders

    reminders = tickets_send_reminders()
    supervisions = tickets_escalate_overdue()
    return reminders.created, supervisions.created
