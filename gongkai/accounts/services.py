"""Writes on staff accounts."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.accounts.models import Role, User
from gongkai.core.audit import audit_record
from gongkai.core.context import Actor
from gongkai.core.errors import InvalidInput
from gongkai.units.models import Unit


@transaction.atomic
def staff_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    unit: Unit,
    role: str,
    display_name: str = "",
    email: str = "",
) -> User:
    """Create a staff account after checking the password policy."""
    if role not in Role.values:
        raise InvalidInput("未知的角色。", field="role")
    if User.objects.filter(username=username).exists():
        raise InvalidInput(f"用户名 {username} 已存在。", field="username")
    user = User(username=username, unit=unit, role=role, display_name=display_name, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput("；".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save()
    audit_record(
        actor=actor,
        action="staff.create",
        obj=user,
        unit=unit,
        changes={"role": [None, role], "unit": [None, unit.name]},
    )
    return user
