"""URLs of transcripts: a meeting's drafted actions and their decisions."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "transcripts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("meeting/<int:pk>/", views.review, name="review"),
    path("meeting/<int:pk>/upload/", views.upload, name="upload"),
    path("draft/<int:draft_id>/accept/", views.decide, {"verb": "accept"}, name="accept"),
    path("draft/<int:draft_id>/merge/", views.decide, {"verb": "merge"}, name="merge"),
    path("draft/<int:draft_id>/reject/", views.decide, {"verb": "reject"}, name="reject"),
]
