from django.urls import path

from gongkai.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.office, name="office"),
    path("documents/<int:pk>/", views.document_review, name="document"),
]
