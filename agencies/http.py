"""The request type of a view only signed-in people reach (LoginRequiredMiddleware)."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class SignedInRequest(HttpRequest):
    """A request past LoginRequiredMiddleware to a view not marked login_not_required: its user
    is signed in. For type checking only; Django builds plain HttpRequests."""

    user: User
