"""Middleware for core's request-scoped plumbing."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
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


class RefuseNulMiddleware:
    """A NUL character in the path or the query string is refused with a 400 (issue #20).

    PostgreSQL cannot store or compare NUL in text, so it would reach a query as a 500. Posted
    forms need no such guard: every form field refuses NUL itself, with a message on the form.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Refuse the request when its address holds a NUL; serve it otherwise."""
        query = request.GET
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in query.getlist(key)) for key in query
        ):
            raise BadRequest("The address holds a NUL character.")
        return self.get_response(request)
