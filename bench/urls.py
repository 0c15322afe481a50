"""The product's URLs plus the floor views under /bench/floor/ (bench settings only)."""

from django.urls import include, path

from config.urls import urlpatterns as product_urlpatterns

from . import floors

floor_patterns = [
    path("agenda/<int:pk>/", floors.agenda, name="agenda"),
    path("register/", floors.register, name="register"),
    path("api-actions/", floors.api_actions, name="api_actions"),
    path("summary/<int:pk>/", floors.summary, name="summary"),
    path("dashboard/<int:pk>/", floors.dashboard, name="dashboard"),
    path("home/<int:pk>/", floors.home, name="home"),
    path("search/", floors.search, name="search"),
    path("pack/<int:pk>/", floors.pack, name="pack"),
]

urlpatterns = [
    *product_urlpatterns,
    path("bench/floor/", include((floor_patterns, "floor"))),
]
