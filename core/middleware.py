"""Middleware for core's request-scoped plumbing."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .request_memo import request_memo


class RequestMemoMiddleware:
    """Serve each request inside a fresh request memo (core.request_memo)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Serve the request inside a fresh memo."""
        with request_memo():
            return self.get_response(request)
