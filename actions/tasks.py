"""Celery tasks for chasing: thin, ids in, state in the database (DESIGN.md section 4)."""

from __future__ import annotations

import logging

from celery import shared_task
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
    """Send a batch of reminders one by one; each row is still claimed and sent once."""
    results = []
    for delivery_id in delivery_ids:
        # One row that raises must not stop the rest of the batch; it stays pending and the
        # sweep queues it again.
        try:
            results.append(outbox.deliver(delivery_id))
        except Exception:
            log.exception("Delivery %s raised", delivery_id)
            results.append("error")
    postponed = sum(r.startswith("postponed") for r in results)
    return f"{results.count('sent')} of {len(results)} sent, {postponed} postponed"


BATCH = 100


def queue_deliveries(delivery_ids: list[int], recipient_ids: list[int]) -> None:
    """Queue delivery tasks, a hundred reminders to a message (one broker round trip per email
    was 42% of a large sweep). A broker that is down loses nothing: the rows stay pending in
    the database and the next sweep after `CHASING_REQUEUE_SECONDS` queues them again, as it
    does for a batch whose worker died part-way."""
    try:
        for start in range(0, len(delivery_ids), BATCH):
            deliver_emails.delay(delivery_ids[start : start + BATCH])
        for recipient_id in recipient_ids:
            deliver_digest.delay(recipient_id)
    except OperationalError as error:
        log.warning("Broker unavailable, deliveries left for the next sweep: %s", error)
