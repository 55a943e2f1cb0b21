"""Staff login: lock-out after repeated failures, idle timeout, password policy."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from gongkai.accounts.services import staff_create
from gongkai.core.errors import InvalidInput
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_account_locks_after_five_failures_even_with_right_password(staff) -> None:
    c = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        c.post(reverse("workbench:login"), {"username": "handler", "password": "wrong-password-1"})
    resp = c.post(reverse("workbench:login"), {"username": "handler", "password": PASSWORD})
    assert resp.status_code == 429
    assert "锁定" in resp.content.decode()


def test_wrong_password_message_is_chinese(staff) -> None:
    resp = Client().post(reverse("workbench:login"), {"username": "handler", "password": "nope"})
    assert "请输入一个正确的" in resp.content.decode() or "用户名和密码" in resp.content.decode()


def test_session_expires_after_idle_period() -> None:
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 30 * 60


@pytest.mark.parametrize("weak", ["short1", "abcdefghijkl", "1234567890123"])
def test_weak_passwords_are_refused(units, system, weak) -> None:
    with pytest.raises(InvalidInput):
        staff_create(actor=system, username="new", password=weak, unit=units["city"], role="handler")
