"""Celery tasks for chasing: thin, ids in, state in the database (DESIGN.md section 4)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from kombu.exceptions import OperationalError

from . import chasing, outbox

log = logging.getLogger(__name__)


@shared_task
def chase_actions() -> str:
    """The beat's sweep: write the ladder steps that fell due and queue their delivery."""
    return chasing.sweep().summary()


@shared_task
def deliver_email(delivery_id: int) -> str:
    """Send one reminder; safe to run twice or concurrently."""
    return outbox.deliver(delivery_id)


@shared_task
def deliver_digest(recipient_id: int) -> str:
    """Send one person's daily digest; safe to run twice or concurrently."""
    return outbox.deliver_digest(recipient_id)


@shared_task
def deliver_emails(delivery_ids: list[int]) -> str:
    """Send a batch of reminders over one SMTP connection; each row is still claimed and sent
    once (actions/outbox.py)."""
    results = outbox.deliver_batch(delivery_ids)
    postponed = sum(r.startswith("postponed") for r in results)
    return f"{results.count('sent')} of {len(results)} sent, {postponed} postponed"


@shared_task
def deliver_digests(recipient_ids: list[int]) -> str:
    """Send several people's daily digests over one SMTP connection, each as deliver_digest."""
    connection = get_connection()
    results = []
    try:
        for recipient_id in recipient_ids:
            # One person's digest that raises must not stop the others'; theirs stays pending.
            try:
                results.append(outbox.deliver_digest(recipient_id, connection))
            except Exception:
                log.exception("The digest for %s raised", recipient_id)
                results.append("error")
    finally:
        outbox.close_connection(connection)
    return f"{sum(r.startswith('sent') for r in results)} of {len(results)} digests sent"


def queue_deliveries(delivery_ids: list[int], recipient_ids: list[int]) -> None:
    """Queue delivery tasks, `CHASING_BATCH_SIZE` reminders (or digests) to a task, each task
    sending over one SMTP connection (one broker round trip per email was 42% of a large sweep,
    one SMTP connection per email most of a worker's time). A broker that is down loses
    nothing: the rows stay pending in the database and the next sweep after
    `CHASING_REQUEUE_SECONDS` queues them again, as it does for a batch whose worker died
    part-way."""
    size = settings.CHASING_BATCH_SIZE
    try:
        for start in range(0, len(delivery_ids), size):
            deliver_emails.delay(delivery_ids[start : start + size])
        for start in range(0, len(recipient_ids), size):
            deliver_digests.delay(recipient_ids[start : start + size])
    except OperationalError as error:
        log.warning("Broker unavailable, deliveries left for the next sweep: %s", error)
