"""Celery tasks for messages: thin, ids in; every one is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from .delivery import deliver
from .models import Message
from .selectors import pending_email


@shared_task
def deliver_message(message_id: int) -> str:
    """Email one message (claim, send, mark)."""
    return deliver(message_id)


@shared_task
def deliver_event(event: str) -> int:
    """Email every pending message of one event; returns how many went out."""
    ids = Message.objects.filter(event=event, email=Message.Email.PENDING).values_list(
        "id", flat=True
    )
    return sum(deliver(pk) == "sent" for pk in list(ids))


@shared_task
def deliver_pending() -> int:
    """Email every message that is due (the beat runs it): retries after backoff, and messages
    whose after-commit task was lost with the broker."""
    return sum(deliver(pk) == "sent" for pk in list(pending_email().values_list("id", flat=True)))
