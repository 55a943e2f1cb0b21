from django.urls import path

from gongkai.catalog import staff_views, views

app_name = "catalog"
urlpatterns = [
    # Workbench pages first: "manage" must not be taken for a unit code by the public pattern below.
    path("manage/", staff_views.manage_tree, name="manage"),
    path("manage/seed/", staff_views.manage_seed, name="manage_seed"),
    path("manage/nodes/new/", staff_views.manage_node_new, name="manage_node_new"),
    path("manage/nodes/<int:pk>/rename/", staff_views.manage_node_rename, name="manage_node_rename"),
    path("manage/nodes/<int:pk>/delete/", staff_views.manage_node_delete, name="manage_node_delete"),
    path("manage/documents/<int:pk>/filings/", staff_views.document_filings, name="document_filings"),
    path("manage/entries/", staff_views.entry_list, name="entries"),
    path("manage/entries/new/", staff_views.entry_new, name="entry_new"),
    path("manage/entries/<int:pk>/", staff_views.entry_detail, name="entry"),
    path("manage/entries/<int:pk>/edit/", staff_views.entry_edit, name="entry_edit"),
    path("manage/entries/<int:pk>/link/", staff_views.entry_link, name="entry_link"),
    path(
        "manage/entries/<int:pk>/unlink/<int:document_id>/",
        staff_views.entry_unlink,
        name="entry_unlink",
    ),
    path("<str:code>/", views.unit_catalog, name="unit"),
    path("<str:code>/<int:node_id>/", views.node_detail, name="node"),
]
