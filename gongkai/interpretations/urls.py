from django.urls import path

from gongkai.interpretations import views

app_name = "interpretations"
urlpatterns = [
    path("", views.interpretation_index, name="index"),
    path("<int:pk>/", views.interpretation_detail, name="detail"),
    path("<int:pk>/image/", views.interpretation_image, name="image"),
    path("missing/", views.missing, name="missing"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.manage_new, name="manage_new"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/publish/", views.manage_publish, name="manage_publish"),
    path("manage/<int:pk>/withdraw/", views.manage_withdraw, name="manage_withdraw"),
    path("manage/documents/<int:document_id>/qa/", views.manage_qa, name="manage_qa"),
]
