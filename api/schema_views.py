"""The OpenAPI schema and its docs page (Swagger UI, served from our own static files), and the
JSON answer for any other address under /api/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import JsonOnly


class SchemaView(JsonOnly, SpectacularAPIView):
    """The OpenAPI 3 schema: readable without signing in (it holds no data), so that tools
    can build clients from it."""


class DocsView(JsonOnly, SpectacularSwaggerSplitView):
    """Swagger UI over the schema; "Try it out" uses the browser's session (and its CSRF
    token) or a token given under Authorize.

    The split view serves Swagger UI's start-up script from this address (?script), and the
    template keeps its page styles in a file: the page runs under the site's
    Content-Security-Policy, with no inline script or style allowed.
    """

    template_name = "api/swagger_ui.html"


@login_not_required
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any address under /api/ that is not an endpoint: 404 in JSON, signed in or not."""
    return JsonResponse({"detail": "Not found."}, status=404)
