from django.urls import path

from gongkai.disclosure import public_views as v

app_name = "yisqgk"

urlpatterns = [
    path("", v.index, name="index"),
    path("apply/", v.apply, name="apply"),
    path("receipt/", v.receipt, name="receipt"),
    path("track/", v.track, name="track"),
    path("track/leave/", v.track_leave, name="leave"),
    path("track/<str:code>/", v.case_page, name="case"),
    path("track/<str:code>/correction/", v.correction, name="correction"),
    path("track/<str:code>/letters/<int:letter_id>/", v.letter_view, name="letter"),
    path("track/<str:code>/letters/<int:letter_id>.<str:ext>", v.letter_file, name="letter_file"),
]
