from django.urls import path

from gongkai.interaction import public_views as v

app_name = "yhd"

urlpatterns = [
    path("new/", v.new, name="new"),
    path("receipt/", v.receipt, name="receipt"),
    path("track/", v.track, name="track"),
    path("track/leave/", v.track_leave, name="leave"),
    path("track/<str:code>/", v.ticket_page, name="ticket"),
    path("track/<str:code>/rate/", v.rate, name="rate"),
    path("track/<str:code>/reopen/", v.reopen, name="reopen"),
    path("public/", v.public_list, name="public"),
    path("public/<int:pk>/", v.public_detail, name="public_detail"),
]
