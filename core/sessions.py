"""Sessions whose idle timeout only a person renews, and which tell every open tab when they end.

A page's own polling (the attendance page's quorum panel) would otherwise renew the session
every few seconds, keeping a screen left open signed in for ever while its tab still warned
"you have been signed out". Each renewal is told to the page's scripts through a cookie they
can read, so a tab warns only when no tab has been used (WCAG 2.2.1, core/drafts.py).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpRequest, HttpResponse

# Sent by scripts that refresh a page by themselves: such a request is not the person acting.
BACKGROUND_HEADER = "X-App-Background"
# When the session ends, in seconds since the epoch (server clock); readable by scripts.
ENDS_COOKIE = "session_ends"


def is_background(request: HttpRequest) -> bool:
    """Whether the request was sent by a page's script on its own, not by the person."""
    return request.headers.get(BACKGROUND_HEADER) == "1"


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's session middleware, except that background requests do not renew the session
    and each renewal of a signed-in session sets ENDS_COOKIE."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Save (or not) as Django does, then tell the scripts when the session now ends."""
        session = getattr(request, "session", None)
        if session is None:
            return super().process_response(request, response)
        if is_background(request) and not session.modified:
            return response
        renewing = session.modified or settings.SESSION_SAVE_EVERY_REQUEST
        response = super().process_response(request, response)
        if not renewing or response.status_code >= 500:
            return response
        if session.is_empty() or not session.get(SESSION_KEY):
            if ENDS_COOKIE in request.COOKIES:
                response.delete_cookie(ENDS_COOKIE, samesite="Lax")
            return response
        response.set_cookie(
            ENDS_COOKIE,
            str(int(time.time()) + session.get_expiry_age()),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=False,  # read by static/js/session-timeout.mjs; it holds no secret
            samesite="Lax",
        )
        return response
