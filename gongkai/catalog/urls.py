from django.urls import path

from gongkai.catalog import views

app_name = "catalog"
urlpatterns = [
    path("<str:code>/", views.unit_catalog, name="unit"),
    path("<str:code>/<int:node_id>/", views.node_detail, name="node"),
]
