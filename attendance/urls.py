"""URLs for attendance."""

app_name = "attendance"
urlpatterns: list = []
