from django.urls import path

from gongkai.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.year_list, name="year_list"),
    path("enter/", views.year_edit, name="year_enter"),
    path("<int:year>/", views.year_detail, name="year_detail"),
    path("<int:year>/enter/", views.year_edit, name="year_edit"),
]
