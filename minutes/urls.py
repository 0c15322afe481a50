"""URLs for minutes."""

app_name = "minutes"
urlpatterns: list = []
