app_name = "gazette"
urlpatterns: list[object] = []
