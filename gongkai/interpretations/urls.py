app_name = "interpretations"
urlpatterns: list[object] = []
