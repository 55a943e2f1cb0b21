"""Staff pages of the knowledge base, mounted at /workbench/knowledge/."""

from django.urls import path

from gongkai.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_new, name="new"),
    path("stale/", views.stale_list, name="stale"),
    path("console/", views.console, name="console"),
    path("from-ticket/<int:ticket_pk>/", views.propose_from_ticket, name="propose"),
    path("<int:pk>/", views.entry_detail, name="detail"),
    path("<int:pk>/edit/", views.entry_edit, name="edit"),
    path("<int:pk>/history/", views.entry_history, name="history"),
    path("<int:pk>/<slug:action>/", views.entry_action, name="action"),
]
