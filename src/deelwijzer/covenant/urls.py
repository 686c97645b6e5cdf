app_name = "covenant"
urlpatterns: list[object] = []
