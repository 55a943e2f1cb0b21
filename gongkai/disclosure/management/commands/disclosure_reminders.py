"""``gongkai disclosure_reminders``: send today's deadline reminders now (the same as the periodic job)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.disclosure.services import reminders_send


class Command(BaseCommand):
    help = "检查依申请公开件的答复期限，向承办人和公开办发送即将到期、已超期提醒"

    def handle(self, *args: Any, **options: Any) -> None:
        run = reminders_send()
        self.stdout.write(f"检查 {run.checked} 件，发出提醒 {run.notified} 条。")
