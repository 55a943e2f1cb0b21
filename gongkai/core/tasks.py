"""Every periodic job of the platform, declared in this one place.

Each job only calls a service (or queues per-object tasks with ids); the schedule is the only logic.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*"))
def every_minute_publish_scheduled() -> None:
    """定时发布: scheduled documents go public within a minute of their time."""
    from gongkai.documents.services import document_publish_due

    document_publish_due()


@db_periodic_task(crontab(minute="17", hour="3"))
def daily_prune_search_log() -> None:
    """检索记录: searches and clicks older than the retention period (about a year) are deleted."""
    from gongkai.search.log import searchlog_prune

    searchlog_prune()


@db_periodic_task(crontab(day_of_week="0", hour="3", minute="30"))
def weekly_privacy_scan_published() -> None:
    """个人信息检查: every published document and attachment, Sunday night; results on the office page."""
    from gongkai.privacy.services import privacy_scan_published

    privacy_scan_published()


@db_periodic_task(crontab(minute="30", hour="8"))
def daily_disclosure_reminders() -> None:
    """依申请公开: cases at risk (≤3 working days) or overdue, notified to handlers and the office."""
    from gongkai.disclosure.services import reminders_send

    reminders_send()


@db_periodic_task(crontab(minute="45", hour="6"))
def daily_knowledge_flag_stale() -> None:
    """知识库待复核: entries past their review date or relying on a lapsed document, flagged to their unit."""
    from gongkai.knowledge.tasks import flag_stale_entries

    flag_stale_entries()


@db_periodic_task(crontab(minute="40", hour="8"))
def daily_interaction_supervision() -> None:
    """一号答: reminders to the unit (≤1 working day left) and 督办 of overdue tickets; idempotent per day."""
    from gongkai.interaction.tasks import run_daily_supervision

    run_daily_supervision()
