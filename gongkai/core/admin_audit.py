"""Audit for the Django admin: reference data edited there (units, users, roles) leaves the same trail
as changes made through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from gongkai.core.audit import audit_record
from gongkai.core.context import Actor

# Never copied into the trail, even as "changed".
SECRET_FIELDS = {"password"}


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose saves and deletes write an audit event (before → after of changed fields)."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        fields = [
            f
            for f in (form.changed_data if form is not None else [])
            if f in {x.name for x in obj._meta.fields}
        ]
        before: dict[str, Any] = {}
        if change and obj.pk is not None:
            old = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = {f: getattr(old, f, None) for f in fields} if old is not None else {}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changes = {
                f: [
                    "***" if f in SECRET_FIELDS else _plain(before.get(f)),
                    "***" if f in SECRET_FIELDS else _plain(getattr(obj, f)),
                ]
                for f in fields
            }
            audit_record(
                actor=Actor.from_request(request),
                action=f"admin.{'change' if change else 'add'}",
                obj=obj,
                changes=changes,
                note="通过参考数据管理后台",
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            audit_record(
                actor=Actor.from_request(request), action="admin.delete", obj=obj, note="通过参考数据管理后台"
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit_record(
                    actor=Actor.from_request(request), action="admin.delete", obj=obj, note="批量删除"
                )
            super().delete_queryset(request, queryset)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
