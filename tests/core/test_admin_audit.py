"""Reference data edited in the Django admin leaves an audit trail like any other change."""

import pytest
from django.test import Client

from gongkai.accounts.models import User
from gongkai.core.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(units):  # type: ignore[no-untyped-def]
    User.objects.create_superuser("root", "root@example.invalid", PASSWORD)
    c = Client(REMOTE_ADDR="192.0.2.77")
    assert (
        c.post("/admin/login/", {"username": "root", "password": PASSWORD, "next": "/admin/"}).status_code
        == 302
    )
    return c


def test_role_change_in_admin_is_audited_without_the_password(admin_client, staff) -> None:
    user = staff["handler"]
    form = admin_client.get(f"/admin/accounts/user/{user.pk}/change/")
    assert form.status_code == 200
    data = {
        "username": user.username,
        "display_name": user.display_name,
        "unit": user.unit_id,
        "role": "unit_admin",
        "is_active": "on",
        "date_joined_0": "2026-06-01",
        "date_joined_1": "10:00:00",
    }
    resp = admin_client.post(f"/admin/accounts/user/{user.pk}/change/", data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="admin.change", object_id=str(user.pk)).get()
    assert event.changes["role"] == ["handler", "unit_admin"]
    assert event.ip == "192.0.2.77"
    assert "password" not in event.changes


def test_unit_added_in_admin_is_audited(admin_client, units) -> None:
    data = {"name": "苏州市审计局", "code": "014000009", "kind": "city_dept", "parent": units["city"].pk,
            "sort_order": 100, "is_active": "on"}  # fmt: skip
    assert admin_client.post("/admin/units/unit/add/", data).status_code == 302
    assert AuditEvent.objects.filter(action="admin.add", object_label="苏州市审计局").exists()
