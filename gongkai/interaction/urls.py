from django.urls import path

from gongkai.interaction import views

app_name = "interaction"

urlpatterns = [
    path("", views.ticket_list, name="list"),
    path("new/", views.ticket_new, name="new"),
    path("stats/", views.ticket_stats, name="stats"),
    path("stats/csv/", views.ticket_stats_csv, name="stats_csv"),
    path("<int:pk>/supervision/<int:sid>/ack/", views.supervision_acknowledge, name="supervision_ack"),
    path("<int:pk>/", views.ticket_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.ticket_action, name="action"),
    # publication on the portal (three segments: not caught by the action pattern above)
    path("<int:pk>/public/privacy/", views.ticket_privacy, name="privacy"),
    path("<int:pk>/public/publish/", views.ticket_publish, name="publish"),
    path("<int:pk>/public/withdraw/", views.ticket_unpublish, name="unpublish"),
    # 分流：转依申请公开 (three segments: not caught by the action pattern)
    path("<int:pk>/redirect/disclosure/", views.ticket_convert_disclosure, name="convert_disclosure"),
]
