"""Reads of a person's messages: only their own, and none about what they may no longer see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from agencies.models import User
from core.request_memo import remembered_once

from .guards import may_see
from .models import Message


def _own(user: User) -> QuerySet[Message]:
    return Message.objects.filter(recipient=user).exclude(email=Message.Email.CANCELLED)


def _hidden_ids(user: User, rows: QuerySet[Message]) -> list[int]:
    """Restricted messages (few) whose object this person may no longer see."""
    return [
        m.id
        for m in rows.filter(restricted=True).only("id", "guard", "guard_id")
        if not may_see(user, m.guard, m.guard_id)
    ]


def messages_for(user: User) -> QuerySet[Message]:
    """This person's messages, newest first, without those they may no longer see."""
    if not user.is_authenticated:
        return Message.objects.none()
    rows = _own(user)
    hidden = _hidden_ids(user, rows)
    return rows.exclude(pk__in=hidden) if hidden else rows


def unread_count(user: User) -> int:
    """How many of this person's messages are unread (what the header shows)."""
    if not user.is_authenticated:
        return 0
    # Remembered for the request: the header and the home page's queue both show it.
    return remembered_once(user.pk, "inbox_unread", lambda: _count_unread(user))


def _count_unread(user: User) -> int:
    # One query: the unread rows' guards, checked here (restricted ones are few).
    rows = _own(user).filter(read_at__isnull=True).values_list("restricted", "guard", "guard_id")
    return sum(1 for restricted, guard, pk in rows if not restricted or may_see(user, guard, pk))


def unread_messages(user: User, limit: int = 5) -> list[Message]:
    """This person's newest unread messages, for the home page's work queue."""
    return list(messages_for(user).filter(read_at__isnull=True)[:limit])


def pending_email() -> QuerySet[Message]:
    """Messages whose email is due: pending and past their next attempt."""
    from django.utils import timezone

    return Message.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()),
        email=Message.Email.PENDING,
    )
