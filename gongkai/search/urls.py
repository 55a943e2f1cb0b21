"""Search pages, mounted at ``/search/`` (namespace ``search``)."""

from django.urls import path

from gongkai.search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="page"),
    path("click", views.click, name="click"),
    path("suggest", views.suggest_json, name="suggest"),
    path("manage/analytics/", views.analytics, name="analytics"),
    path("manage/synonyms/", views.synonyms, name="synonyms"),
    path("manage/synonyms/new/", views.synonym_new, name="synonym_new"),
    path("manage/synonyms/<int:pk>/edit/", views.synonym_edit, name="synonym_edit"),
    path("manage/synonyms/<int:pk>/delete/", views.synonym_remove, name="synonym_delete"),
]
