from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.calendars.models import HolidayDay, HolidayYear


class ReadOnlyAdmin(admin.ModelAdmin):
    """View only: arrangements are entered on the workbench page, which validates and audits them."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class HolidayDayInline(admin.TabularInline):
    model = HolidayDay
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(HolidayYear)
class HolidayYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "source", "entered_by", "entered_at"]
    search_fields = ["source"]
    inlines = [HolidayDayInline]


@admin.register(HolidayDay)
class HolidayDayAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "name", "year"]
    list_filter = ["kind", "year"]
    date_hierarchy = "date"
