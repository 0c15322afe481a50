"""Reads of a few read-heavy pages from a PostgreSQL read replica (DATABASE_REPLICA_URL).

Off unless the replica is configured. Then the pages named in DATABASE_REPLICA_VIEWS (URL names;
GET and HEAD only) read from the replica, and everything else stays on the primary:
- every write, and every read inside a transaction the view opens itself (a read that decides
  a write must see the primary);
- once a page wrote, or read from the primary for the reason above, the rest of that request
  reads from the primary too, so no page mixes newer rows with older ones;
- for REPLICA_PIN_SECONDS after a person's POST (or other unsafe request), their pages read from
  the primary, so they see what they just did despite the replica's lag.
Writes to the audit log of what a page shows (an append-only log the page never reads back)
keep the page on the replica.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_KEY = "replica:pinned_until"
SAFE_METHODS = ("GET", "HEAD")
# Apps whose writes do not move a page to the primary (see the module's docstring).
LOG_APPS = frozenset({"audit"})


@dataclass
class _Page:
    """A replica page being served: how deep the primary's transactions are at its start."""

    depth: int
    on_primary: bool = False


_page: ContextVar[_Page | None] = ContextVar("replica_page", default=None)


class ReplicaRouter:
    """Send the reads of a replica page to the replica; everything else to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        """The replica only while a replica page is served and nothing moved it off."""
        page = _page.get()
        if page is None or page.on_primary:
            return DEFAULT_DB_ALIAS
        if len(connections[DEFAULT_DB_ALIAS].atomic_blocks) > page.depth:
            page.on_primary = True
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        """Always the primary; the rest of the page then reads from it too."""
        page = _page.get()
        if page is not None and model._meta.app_label not in LOG_APPS:
            page.on_primary = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        """The replica holds the primary's rows: any two may be related."""
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        """Migrations run on the primary only; the replica follows it."""
        return db == DEFAULT_DB_ALIAS


def _pinned(request: HttpRequest) -> bool:
    return float(request.session.get(PIN_KEY, 0)) > time.time()


class ReplicaPagesMiddleware:
    """Mark the replica pages while their view runs; pin a person to the primary after a write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Set with the replica (config/scale.py), so read as plain attributes.
        self.views = frozenset(getattr(settings, "DATABASE_REPLICA_VIEWS", ()))
        self.pin_seconds = float(getattr(settings, "REPLICA_PIN_SECONDS", 0))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Serve the request; the page mark never outlives it."""
        request.replica_token = None  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            token: Token[_Page | None] | None = request.replica_token  # type: ignore[attr-defined]
            if token is not None:
                _page.reset(token)
        user = getattr(request, "user", None)
        # Replica pages are all signed-in pages: a visitor's POST needs no pin (nor a session).
        if request.method not in SAFE_METHODS and user is not None and user.is_authenticated:
            request.session[PIN_KEY] = time.time() + self.pin_seconds
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        """Mark this request's view as a replica page when it is one and the person is not
        pinned to the primary."""
        match = request.resolver_match
        if request.method not in SAFE_METHODS or match is None or match.view_name not in self.views:
            return
        if _pinned(request):
            return
        primary = connections[DEFAULT_DB_ALIAS]
        depth = len(primary.atomic_blocks)
        # The request's own transaction (ATOMIC_REQUESTS) opens after this, around the view.
        if primary.settings_dict["ATOMIC_REQUESTS"] and DEFAULT_DB_ALIAS not in getattr(
            view, "_non_atomic_requests", set()
        ):
            depth += 1
        request.replica_token = _page.set(_Page(depth=depth))  # type: ignore[attr-defined]
