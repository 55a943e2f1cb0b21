from django.urls import path

from gongkai.interaction import views

app_name = "interaction"

urlpatterns = [
    path("", views.ticket_list, name="list"),
    path("new/", views.ticket_new, name="new"),
    path("<int:pk>/", views.ticket_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.ticket_action, name="action"),
]
