"""Nothing typed is lost to a session that ended (DESIGN section 7; WCAG 2.2.1).

A form posted after the session ended is kept as a Draft before the sign-in page is shown: its
fields, the page the form was on and where it posts. The draft's key goes into the browser's new
(anonymous) session, which Django keeps through the sign-in; back on the form's page, the typed
values are put back in the form (static/js/session-timeout.mjs) and shown in a banner.

The draft belongs to whoever the ended session was signed in as (read from the expired session
row), so nobody else signing in on that browser gets it.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Draft
from .once import TOKEN_FIELD

SESSION_KEY = "kept_draft"
NOT_KEPT = {"csrfmiddlewaretoken", TOKEN_FIELD}
MAX_FIELDS = 200
MAX_VALUE = 200_000
KEPT = (
    "You were signed out because nothing was sent for a while. Sign in again: what you typed "
    "has been kept and will be put back in the form."
)


def _form_page(request: HttpRequest) -> str:
    """The page the form was on (same site only), else the address it posted to."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def _ended_session_user(request: HttpRequest) -> int | None:
    """Who the browser's ended session was signed in as, when its row is still there."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return None
    from django.contrib.sessions.models import Session

    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    row = Session.objects.filter(session_key=key[:40]).first() if key else None
    if row is None:
        return None
    try:
        user_id = row.get_decoded().get("_auth_user_id")
        return int(user_id) if user_id is not None else None
    except (TypeError, ValueError):
        return None


def _fields(request: HttpRequest) -> dict[str, list[str]]:
    kept: dict[str, list[str]] = {}
    for name in list(request.POST)[:MAX_FIELDS]:
        if name not in NOT_KEPT and "password" not in name:
            kept[name[:200]] = [value[:MAX_VALUE] for value in request.POST.getlist(name)]
    return kept


def keep_draft(request: HttpRequest) -> HttpResponse:
    """Keep what was posted by someone whose session ended; send them to sign in."""
    page = _form_page(request)
    draft = Draft.objects.create(
        key=uuid.uuid4(),
        user_id=_ended_session_user(request),
        path=page[:2000],
        data={"action": request.path, "fields": _fields(request), "files": bool(request.FILES)},
    )
    request.session[SESSION_KEY] = str(draft.key)
    messages.info(request, KEPT)
    return redirect_to_login(page)


def kept_draft(request: HttpRequest) -> Draft | None:
    """The draft to put back on this page for this person, if there is one."""
    key = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not key or not request.user.is_authenticated:
        return None
    draft = Draft.objects.filter(key=key).first()
    if draft is None or draft.user_id not in (None, request.user.pk):
        request.session.pop(SESSION_KEY, None)
        return None
    if draft.user_id is None:
        draft.user_id = request.user.pk
        draft.save(update_fields=["user"])
    return draft if draft.path == request.get_full_path() else None


def _done_with(request: HttpRequest) -> None:
    """The form was sent again while signed in: the draft has done its job."""
    key = request.session.get(SESSION_KEY)
    if not key:
        return
    draft = Draft.objects.filter(key=key, user_id=request.user.pk or 0).first()
    if draft is not None and draft.data.get("action") == request.path:
        draft.delete()
        request.session.pop(SESSION_KEY, None)


class KeepDraftMiddleware:
    """Before LoginRequiredMiddleware: a post from an ended session is kept, not lost."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Serve the request."""
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        """Keep a signed-out post to a signed-in page; forget a draft once sent again."""
        if request.method != "POST":
            return None
        if request.user.is_authenticated:
            _done_with(request)
            return None
        if not getattr(view_func, "login_required", True) or not _fields(request):
            return None
        return keep_draft(request)


def session_context(request: HttpRequest) -> dict[str, Any]:
    """For base.html: the session's lifetime for the timeout warning, and a kept draft."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    draft = kept_draft(request)
    context: dict[str, Any] = {
        "session_seconds": settings.SESSION_COOKIE_AGE,
        "server_now": int(time.time()),
        "session_warning_seconds": min(
            settings.SESSION_WARNING_SECONDS, settings.SESSION_COOKIE_AGE
        ),
    }
    if draft is not None:
        fields = draft.data.get("fields", {})
        context["kept_draft"] = {
            "action": draft.data.get("action", ""),
            "fields": fields,
            "files": draft.data.get("files", False),
            "shown": [(name, values) for name, values in fields.items() if any(values)],
        }
    return context
