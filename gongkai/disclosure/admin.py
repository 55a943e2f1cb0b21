"""Read-only admin views: cases are changed only through the services (workbench, API), which check the
rules and write the audit trail. Applicants' personal data is not listed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.disclosure.models import Appeal, ClockEvent, DisclosureRequest, Notification


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ClockEventInline(ReadOnly, admin.TabularInline):  # type: ignore[misc]
    model = ClockEvent
    extra = 0
    fields = ["kind", "cause", "date", "date_party_received", "working_days", "approved_by", "by_label", "at"]


@admin.register(DisclosureRequest)
class DisclosureRequestAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[misc]
    list_display = ["tracking_code", "state", "applicant_kind", "channel", "date_received", "addressee_unit"]
    list_filter = ["state", "applicant_kind", "channel"]
    search_fields = ["tracking_code"]
    date_hierarchy = "date_received"
    # Personal data (name, ID, contact) is left out: viewing it is audited on the workbench only.
    fields = [
        "tracking_code",
        "state",
        "applicant_kind",
        "org_kind",
        "channel",
        "date_arrived",
        "date_received",
        "addressee_unit",
        "assigned_unit",
        "assigned_handler",
        "reply_type",
        "reply_reason",
        "date_replied",
        "fee_method",
        "fee_amount_fen",
        "version",
    ]
    inlines = [ClockEventInline]


@admin.register(Appeal)
class AppealAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[misc]
    list_display = ["request", "kind", "authority", "date_filed", "outcome", "date_decided"]
    list_filter = ["kind", "outcome"]


@admin.register(Notification)
class NotificationAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[misc]
    list_display = ["recipient", "kind", "message", "created_at", "read_at"]
    list_filter = ["kind"]
