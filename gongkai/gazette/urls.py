from django.urls import path

from gongkai.gazette import views

app_name = "gazette"
urlpatterns = [
    path("", views.gazette_index, name="index"),
    path("<int:year>/", views.gazette_index, name="year"),
    path("<int:year>/<int:number>/", views.gazette_issue, name="issue"),
    path("<int:year>/<int:number>/pdf/", views.gazette_pdf, name="pdf"),
]
