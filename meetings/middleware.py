"""Request-scoped memo of the access rule's small id sets (meetings.access.request_memo)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import access


class AccessMemoMiddleware:
    """Read a person's agencies and committees once per request rather than in every query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Serve the request inside a fresh memo."""
        with access.request_memo():
            return self.get_response(request)
