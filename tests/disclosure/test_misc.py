"""The reminder command and task, admin read-only, and audit-action labels."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.disclosure.action_labels import DISCLOSURE_ACTION_LABELS
from gongkai.disclosure.choices import State
from gongkai.disclosure.models import Notification
from gongkai.disclosure.tasks import send_deadline_reminders
from tests.disclosure.factories import at

pytestmark = pytest.mark.django_db


def test_command_and_task_send_reminders(clock, cases) -> None:  # type: ignore[no-untyped-def]
    cases.in_state(State.IN_HANDLING)
    clock.move_to(at(dt.date(2026, 7, 15)))
    out = io.StringIO()
    call_command("disclosure_reminders", stdout=out)
    assert "检查 1 件" in out.getvalue() and Notification.objects.filter(kind="overdue").exists()
    send_deadline_reminders()  # Huey runs it at once in tests; everyone was already told today
    assert Notification.objects.filter(kind="overdue").count() == 2


def test_every_audit_action_has_a_label() -> None:
    source = "\n".join(p.read_text() for p in Path("gongkai/disclosure").rglob("*.py"))
    used = {f"disclosure.{m}" for m in re.findall(r'action="([a-z_]+)"', source)}
    used |= set(re.findall(r'action="(disclosure\.[a-z_]+)"', source))
    used |= {"disclosure.transfer", "disclosure.assign"}  # chosen at run time in assignment.py
    assert used <= set(DISCLOSURE_ACTION_LABELS), used - set(DISCLOSURE_ACTION_LABELS)


def test_admin_is_read_only(client, cases) -> None:  # type: ignore[no-untyped-def]
    from gongkai.accounts.models import User

    root = User.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    admin_client = client
    case = cases.registered()
    page = admin_client.get(f"/admin/disclosure/disclosurerequest/{case.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert case.tracking_code in body and "张三" not in body
    assert admin_client.get("/admin/disclosure/disclosurerequest/add/").status_code == 403
