"""Delivering the outbox: claim a row, send, record the result (DESIGN.md section 4).

A row is claimed with SELECT ... FOR UPDATE SKIP LOCKED and marked sent in the same transaction
as the SMTP conversation: a second worker (or the same task delivered twice) finds it locked or
already sent and does nothing; a worker killed mid-send drops its connection, PostgreSQL rolls
the claim back and the next sweep queues the row again. A failed send is recorded on the row
with the time of the next attempt (exponential backoff), and after the last attempt the row is
marked failed, which the outbox admin shows.
"""

from __future__ import annotations

import datetime
import smtplib

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from agencies.models import User

from . import emails
from .models import Delivery

SEND_ERRORS = (smtplib.SMTPException, OSError)


def backoff(attempts: int) -> datetime.timedelta:
    """How long to wait after the n-th failed attempt: doubling, capped at an hour."""
    seconds = settings.CHASING_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 3600))


def _record_failure(rows: list[Delivery], error: Exception) -> None:
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        row.next_attempt_at = now + backoff(row.attempts)
        if row.attempts >= settings.CHASING_MAX_ATTEMPTS:
            row.state = Delivery.State.FAILED
    Delivery.objects.bulk_update(rows, ["attempts", "last_error", "next_attempt_at", "state"])


def _record_sent(rows: list[Delivery], subject: str, message_id: str) -> None:
    now = timezone.now()
    for row in rows:
        row.state = Delivery.State.SENT
        row.sent_at = now
        row.subject = subject[:300]
        row.message_id = message_id[:200]
        row.attempts += 1
        row.last_error = ""
    Delivery.objects.bulk_update(
        rows, ["state", "sent_at", "subject", "message_id", "attempts", "last_error"]
    )


def _cancel_finished(rows: list[Delivery]) -> list[Delivery]:
    """Rows for actions done since they were written are cancelled, not sent."""
    finished = [r for r in rows if not r.notification.action.is_outstanding]
    Delivery.objects.filter(pk__in=[r.pk for r in finished]).update(
        state=Delivery.State.CANCELLED, last_error="The action was finished before sending."
    )
    return [r for r in rows if r.notification.action.is_outstanding]


def _claimable():
    return Delivery.objects.select_for_update(skip_locked=True, of=("self",)).select_related(
        "recipient",
        "notification__action__committee",
        "notification__action__meeting",
        "notification__action__agenda_item",
        "notification__action__owning_agency",
        "notification__action__owner",
    )


def deliver(delivery_id: int) -> str:
    """Send one reminder if it is still pending and due; returns what happened."""
    with transaction.atomic():
        row = (
            _claimable().filter(pk=delivery_id, state=Delivery.State.PENDING, digest=False).first()
        )
        if row is None:
            return "not pending (sent, claimed by another worker, or unknown)"
        if not _cancel_finished([row]):
            return "cancelled"
        message = emails.reminder(row, timezone.localdate())
        try:
            message.send()
        except SEND_ERRORS as error:
            _record_failure([row], error)
            return f"failed: {error}"
        _record_sent([row], str(message.subject), message.extra_headers["Message-ID"])
        return "sent"


def _start_of_today() -> datetime.datetime:
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))


def deliver_digest(recipient_id: int) -> str:
    """Send a person today's digest of their pending escalations, at most one a day.

    The person's row is locked first so that two digest tasks for the same person run one
    after the other; the second finds today's digest sent and leaves newer rows for tomorrow.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=recipient_id).first()
        if user is None:
            return "unknown recipient"
        sent_today = Delivery.objects.filter(
            recipient=user, digest=True, state=Delivery.State.SENT, sent_at__gte=_start_of_today()
        ).exists()
        if sent_today:
            return "today's digest was sent already"
        rows = list(
            _claimable().filter(
                recipient=user,
                digest=True,
                state=Delivery.State.PENDING,
                next_attempt_at__lte=timezone.now(),
            )
        )
        rows = _cancel_finished(rows)
        if not rows:
            return "nothing to send"
        message = emails.digest(user, rows, timezone.localdate())
        try:
            message.send()
        except SEND_ERRORS as error:
            _record_failure(rows, error)
            return f"failed: {error}"
        _record_sent(rows, str(message.subject), message.extra_headers["Message-ID"])
        return f"sent {len(rows)} in a digest"


def delivery_retry(rows: QuerySet[Delivery]) -> int:
    """Put failed rows back to pending with a fresh attempt count, to be sent by the next
    sweep's queueing; returns how many. Rows in any other state are left alone."""
    return rows.filter(state=Delivery.State.FAILED).update(
        state=Delivery.State.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        queued_at=None,
    )
