from django.urls import path

from gongkai.gazette import staff_views, views

app_name = "gazette"
urlpatterns = [
    path("", views.gazette_index, name="index"),
    # Workbench pages of the openness office.
    path("manage/", staff_views.manage_list, name="manage"),
    path("manage/new/", staff_views.manage_new, name="manage_new"),
    path("manage/<int:pk>/", staff_views.manage_issue, name="manage_issue"),
    path("manage/<int:pk>/edit/", staff_views.manage_edit, name="manage_edit"),
    path("manage/<int:pk>/items/add/", staff_views.manage_item_add, name="manage_item_add"),
    path("manage/items/<int:item_id>/update/", staff_views.manage_item_update, name="manage_item_update"),
    path("manage/items/<int:item_id>/remove/", staff_views.manage_item_remove, name="manage_item_remove"),
    path("<int:year>/", views.gazette_index, name="year"),
    path("<int:year>/<int:number>/", views.gazette_issue, name="issue"),
    path("<int:year>/<int:number>/pdf/", views.gazette_pdf, name="pdf"),
]
