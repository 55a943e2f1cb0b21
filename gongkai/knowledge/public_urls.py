"""Portal (/zsk/) and service-hall kiosk (/kiosk/) pages; mounted at the site root by config/urls.py."""

from django.urls import path

from gongkai.knowledge import public_views as v

app_name = "zsk"

urlpatterns = [
    path("zsk/", v.index, name="index"),
    path("zsk/<int:pk>/", v.detail, name="detail"),
    path("zsk/nav/", v.navigation, name="nav"),
    path("zsk/nav/<slug:code>/", v.life_event, name="life_event"),
    path("zsk/ask/", v.ask, name="ask"),
    path("zsk/ask/clear/", v.ask_clear, name="ask_clear"),
    path("zsk/ask/handover/", v.ask_handover, name="ask_handover"),
    path("kiosk/", v.kiosk_home, name="kiosk_home"),
    path("kiosk/search/", v.kiosk_search, name="kiosk_search"),
    path("kiosk/event/<slug:code>/", v.kiosk_event, name="kiosk_event"),
    path("kiosk/<int:pk>/", v.kiosk_entry, name="kiosk_entry"),
    path("kiosk/ask/", v.kiosk_ask, name="kiosk_ask"),
]
