"""Writes for messages: telling people of a step (inside its transaction), and marking read."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from agencies.models import User
from core.request_memo import forget

from .models import Message


@transaction.atomic
def messages_notify(
    *,
    event: str,
    kind: str,
    recipients: Iterable[User],
    subject: str,
    body: str,
    link: str,
    guard: str = "",
    guard_id: int | None = None,
    restricted: bool = False,
    email: bool = True,
) -> int:
    """Tell each recipient of one event, once: call it inside the step's transaction, so the
    messages are kept exactly when the step is. Emails go out after commit. Returns how many
    people were newly told (a replayed event tells nobody again)."""
    people = {u.id: u for u in recipients if u.is_active}
    if not people:
        return 0
    known = set(
        Message.objects.filter(event=event, recipient_id__in=people).values_list(
            "recipient_id", flat=True
        )
    )
    now = timezone.now()
    rows = [
        Message(
            event=event[:200],
            kind=kind,
            recipient_id=user_id,
            subject=subject[:300],
            body=body[:4000],
            link=link[:500],
            guard=guard,
            guard_id=guard_id,
            restricted=restricted,
            email=Message.Email.PENDING if email and user.email else Message.Email.NONE,
            next_attempt_at=now,
        )
        for user_id, user in people.items()
        if user_id not in known
    ]
    # The unique constraint is the last word: a concurrent writer of the same event loses quietly.
    Message.objects.bulk_create(rows, ignore_conflicts=True)
    if email and rows:
        from .tasks import deliver_event  # tasks -> delivery -> models; never back here

        # robust: a broker that is down must not fail the step; the beat sweep sends the rows.
        transaction.on_commit(lambda: deliver_event.delay(event[:200]), robust=True)
    return len(rows)


def message_mark_read(*, user: User, message_id: int) -> bool:
    """Mark one of this person's messages read; False when it is not theirs or already read."""
    marked = Message.objects.filter(pk=message_id, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget(user.pk)  # the request's remembered unread count is stale now
    return bool(marked)


def messages_mark_all_read(*, user: User) -> int:
    """Mark all this person's messages read; returns how many."""
    marked = Message.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget(user.pk)  # the request's remembered unread count is stale now
    return marked
