"""The unread count the header shows, counted only when a page shows it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def inbox(request: HttpRequest) -> dict[str, object]:
    """`inbox_unread`: the signed-in person's unread messages, counted lazily."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_unread": 0}
    return {"inbox_unread": SimpleLazyObject(lambda: unread_count(user))}  # type: ignore[arg-type]
