from django.urls import include, path

from gongkai.disclosure import views
from gongkai.disclosure.letters import views as letter_views

app_name = "disclosure"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("reports/", include("gongkai.disclosure.reports_urls")),
    path("new/", views.case_new, name="new"),
    path("bulk-assign/", views.bulk_assign, name="bulk_assign"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/letters/new/", letter_views.letter_new, name="letter_new"),
    path("<int:pk>/letters/<int:letter_id>/", letter_views.letter_detail, name="letter"),
    path("<int:pk>/letters/<int:letter_id>.<str:ext>", letter_views.letter_file, name="letter_file"),
    path("<int:pk>/letters/<int:letter_id>/<slug:action>/", letter_views.letter_action, name="letter_action"),
    path("<int:pk>/attachments/<int:attachment_id>/", letter_views.attachment_file, name="attachment"),
    path("<int:pk>/<slug:action>/", views.case_action, name="action"),
]
