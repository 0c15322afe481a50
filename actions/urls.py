"""URLs for the actions register."""

from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("", views.register, name="register"),
    path("actions.csv", views.register_csv, name="csv"),
    path("<int:pk>/", views.detail, name="detail"),
]
