"""Statistics and annual-report tables of 依申请公开 (``/workbench/disclosure/reports/``)."""

from django.urls import path

from gongkai.disclosure.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("export.<str:fmt>", views.export, name="export"),
]
