"""Middleware for core's request-scoped plumbing and for input no view may ever see."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .request_memo import request_memo
from .stored_files import files_kept_only_if_saved

NUL = "\x00"
NUL_MESSAGE = (
    "The request contains a NUL character (an invisible control character), which is not "
    "allowed. Go back, remove it (retype the text rather than pasting it) and try again."
)


class RequestMemoMiddleware:
    """Serve each request inside a fresh request memo (core.request_memo), removing the files it
    stored for rows whose transaction rolled back (core.stored_files)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Serve the request inside a fresh memo."""
        with request_memo(), files_kept_only_if_saved():
            return self.get_response(request)


def _has_nul(values: Iterable[str]) -> bool:
    return any(NUL in value for value in values)


def request_has_nul(request: HttpRequest) -> bool:
    """Whether a NUL is in the path, a query or form key or value, or an uploaded file's name.

    PostgreSQL refuses NUL in text (a DataError, so a 500), and no person types one: it is
    refused here, once, rather than in every view, form and filter.
    """
    if NUL in request.path or NUL in request.path_info:
        return True
    for data in (request.GET, request.POST):
        if _has_nul(data.keys()) or _has_nul(v for _, values in data.lists() for v in values):
            return True
    uploads = (upload for _, files in request.FILES.lists() for upload in files)
    return _has_nul(upload.name or "" for upload in uploads)


class RefuseNulMiddleware:
    """Answer 400 with a message to any request carrying a NUL character (DESIGN section 7)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Refuse a request with a NUL; serve any other."""
        if request_has_nul(request):
            if request.path_info.startswith(tuple(settings.JSON_URL_PREFIXES)):
                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            return render(request, "400.html", {"message": NUL_MESSAGE}, status=400)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header (Django has no setting for it): the product uses no
    camera, microphone, location or payment, so no page, nor anything framed in one, may."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Serve the request and add the header."""
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
