"""Serve each request inside a fresh note of the restricted content it shows (audit.shown),
then log what it disclosed (audit.disclosures)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .disclosures import record_disclosures, route_of
from .shown import watching


class ShownMiddleware:
    """Note what of restricted content each response shows, for its marking and the
    disclosure log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Serve the request inside a fresh note; log its disclosures once it is answered."""
        with watching() as shown:
            response = self.get_response(request)
        user = getattr(request, "user", None)
        # A refusal raised after the reads were recorded rolls them back (ATOMIC_REQUESTS) and
        # shows nothing: it discloses nothing either.
        refused = response.status_code in (403, 404) or response.status_code >= 500
        if shown.disclosed and not refused and user is not None and user.is_authenticated:
            match = request.resolver_match
            record_disclosures(
                by=user,
                to=user,
                to_email=getattr(user, "email", "") or "",
                disclosed=shown.disclosed,
                route=route_of(request.path_info, response.get("Content-Type", "")),
                surface=match.view_name if match else request.path_info,
            )
        return response
