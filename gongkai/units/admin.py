from django.contrib import admin

from gongkai.core.admin_audit import AuditedAdmin
from gongkai.units.models import Unit


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]
