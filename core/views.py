"""The one view of core's plumbing: "stay signed in" from the session timeout warning."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST


@require_POST
@never_cache
def session_extend(request: HttpRequest) -> JsonResponse:
    """Keep the session going (any signed-in request renews it); says for how long."""
    request.session.modified = True
    return JsonResponse({"seconds": request.session.get_expiry_age()})
