from django.urls import include, path

from gongkai.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("bulk-assign/", views.bulk_assign, name="bulk_assign"),
    path("reports/", include("gongkai.disclosure.reports_urls")),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.case_action, name="action"),
]
