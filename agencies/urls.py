"""URLs for the agency directory."""

from django.urls import path

from . import views

app_name = "agencies"
urlpatterns = [
    path("", views.agency_list, name="list"),
    path("<str:short_name>/", views.agency_detail, name="detail"),
]
