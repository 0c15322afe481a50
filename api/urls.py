"""URLs of api: /api/v1/ endpoints, the schema, its docs, and the person's API tokens page."""

from django.urls import URLPattern, URLResolver, include, path, re_path
from rest_framework.routers import SimpleRouter

from . import schema_views, token_views, views

app_name = "api"

router = SimpleRouter()
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("items", views.AgendaItemViewSet, basename="item")
router.register("actions", views.ActionViewSet, basename="action")

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", include(router.urls)),
    path("schema/", schema_views.SchemaView.as_view(), name="schema"),
    path("docs/", schema_views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("tokens/", token_views.tokens, name="tokens"),
    re_path(r"^(?P<rest>.*)$", schema_views.not_found, name="not_found"),
]
