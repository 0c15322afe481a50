"""The OpenAPI schema and its docs page (Swagger UI, served from our own static files), and the
JSON answer for any other address under /api/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .views import JsonOnly


class SchemaView(JsonOnly, SpectacularAPIView):
    """The OpenAPI 3 schema: readable without signing in (it holds no data), so that tools
    can build clients from it."""


class DocsView(JsonOnly, SpectacularSwaggerView):
    """Swagger UI over the schema; "Try it out" uses the browser's session (and its CSRF
    token) or a token given under Authorize."""


@login_not_required
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any address under /api/ that is not an endpoint: 404 in JSON, signed in or not."""
    return JsonResponse({"detail": "Not found."}, status=404)
