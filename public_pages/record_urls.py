"""URLs of the public record for its committee's officers (signed in)."""

from django.urls import path

from . import record_views

app_name = "public_records"
urlpatterns = [
    path("<slug:short_name>/removable/", record_views.removable, name="removable"),
]
