from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.workbench import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="workbench/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="portal:home"), name="logout"),
    path("documents/new/", views.document_new, name="document_new"),
    path("documents/bulk/", views.bulk_action, name="bulk"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/revise/", views.document_revise, name="document_revise"),
    path("documents/<int:pk>/<str:action>/", views.document_action, name="document_action"),
    path("audit/", views.audit_log, name="audit"),
    path("office/", views.office_overview, name="office"),
]
