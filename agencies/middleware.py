"""The gate of the second factor: a session that signed in with a password alone and owes a
code (agencies/mfa.py) is sent to set up or enter its second factor before any other page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import mfa

# The only pages served before the second factor: signing in and out, the password reset
# pages, the second-factor pages themselves, the session keep-alive and the health check.
# Static files never get here (WhiteNoise answers them first).
ALLOWED = frozenset(
    {
        "login",
        "logout",
        "session_extend",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "healthz",
    }
)
# The public pages show only what anyone may read, signed in or not.
ALLOWED_NAMESPACES = frozenset({"mfa", "public"})
# The API's pages for people (not JSON): redirected like any other page.
API_PAGES = frozenset({"tokens", "docs"})
OWED = "Enter your second factor first: sign in through the site and enter your code."


class SecondFactorMiddleware:
    """Send a session that owes a second factor to the set-up or code page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        """Let the allowed pages through; answer everything else with the way to the code."""
        match = request.resolver_match
        if match is None or (match.url_name in ALLOWED and not match.namespace):
            return None
        if ALLOWED_NAMESPACES & set(match.namespaces) or not mfa.owes_code(request):
            return None
        if "api" in match.namespaces:
            if request.headers.get("Authorization", "").startswith("Token "):
                # The API authenticates a token before the session (and never falls back to the
                # session when a token is sent): a token is its own credential.
                return None
            if match.url_name not in API_PAGES:
                # A session-authenticated API call owes the code like any page.
                return JsonResponse({"detail": OWED}, status=403)
        page = "mfa:verify" if mfa.authenticator(request.user) else "mfa:setup"  # type: ignore[arg-type]
        return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
