from django.urls import path

from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.unit_index, name="units"),
    path("units/<str:code>/", views.unit_detail, name="unit"),
    path("topics/", views.topic_index, name="topics"),
    path("topics/<str:code>/", views.topic_detail, name="topic"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("a11y/large-text/", views.large_text, name="large_text"),
]
