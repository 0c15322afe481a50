"""Delivering the outbox: claim a row, send, record the result (DESIGN.md section 4).

A row is claimed with SELECT ... FOR UPDATE SKIP LOCKED and marked sent in the same transaction
as the SMTP conversation: a second worker (or the same task delivered twice) finds it locked or
already sent and does nothing; a worker killed mid-send drops its connection, PostgreSQL rolls
the claim back and the next sweep queues the row again.

What a failure costs depends on whose fault it is (actions/circuit.py): a server that cannot be
reached opens the circuit breaker and costs the rows nothing; a temporary refusal of the
message spends one of the row's attempts (exponential backoff, failed after the last); a
permanent refusal of the recipient (550) fails the row at once. Failed rows show in the outbox
admin. The recipient passes the access rule again here: one who lost access is dropped and
the step goes to the committee's officers instead (actions/recipients.py).
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from agencies.models import User
from meetings.marking import log_email

from . import emails, recipients
from .circuit import backoff, circuit_close, circuit_trip, is_connection_failure, is_permanent
from .circuit import open_until as circuit_open_until
from .models import Delivery

__all__ = ["backoff", "deliver", "deliver_digest", "delivery_retry"]

SEND_ERRORS = (smtplib.SMTPException, OSError)
log = logging.getLogger(__name__)


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _record_failure(rows: list[Delivery], error: BaseException) -> str:
    """Record a failed send on the rows; returns what happened, for the task's result."""
    now = timezone.now()
    fields = ["attempts", "last_error", "next_attempt_at", "state", "queued_at"]
    if is_connection_failure(error):
        retry_at = circuit_trip(error)
        for row in rows:
            row.last_error = f"Mail server unavailable, no attempt spent: {_describe(error)}"
            row.next_attempt_at = retry_at
            row.queued_at = None
        Delivery.objects.bulk_update(rows, fields)
        return f"postponed until {retry_at:%H:%M:%S} UTC: mail server unavailable ({error})"
    permanent = is_permanent(error)
    for row in rows:
        row.attempts += 1
        row.last_error = _describe(error)
        row.next_attempt_at = now + backoff(row.attempts)
        if permanent or row.attempts >= settings.CHASING_MAX_ATTEMPTS:
            row.state = Delivery.State.FAILED
    Delivery.objects.bulk_update(rows, fields)
    return f"{'refused for good' if permanent else 'failed'}: {error}"


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
    circuit_close()


def _cancel(rows: list[Delivery], reason: str) -> None:
    Delivery.objects.filter(pk__in=[r.pk for r in rows]).update(
        state=Delivery.State.CANCELLED, last_error=reason
    )


def _still_due(user: User, rows: list[Delivery]) -> list[Delivery]:
    """The rows still to send: actions finished since are cancelled, and so are actions the
    person may no longer see (their step goes to the committee's officers instead)."""
    finished = [r for r in rows if not r.notification.action.is_outstanding]
    _cancel(finished, "The action was finished before sending.")
    rows = [r for r in rows if r.notification.action.is_outstanding]
    seen = emails.visible_ids(user, [r.notification.action for r in rows])
    hidden = [r for r in rows if r.notification.action_id not in seen]
    _cancel(hidden, "The recipient may no longer see this action; sent to its officers.")
    for row in hidden:
        recipients.reroute(row.notification)
    return [r for r in rows if r.notification.action_id in seen]


def _claimable(skip_locked: bool = True) -> QuerySet[Delivery]:
    rows = Delivery.objects.select_for_update(skip_locked=skip_locked, of=("self",))
    return rows.select_related(
        "recipient",
        "notification__action__committee",
        "notification__action__meeting",
        "notification__action__agenda_item",
        "notification__action__owning_agency",
        "notification__action__owner",
    )


def _postponed(until: datetime.datetime) -> str:
    return f"postponed until {until:%H:%M:%S} UTC: the mail server's circuit is open"


def deliver(delivery_id: int) -> str:
    """Send one reminder if it is still pending and due; returns what happened."""
    until = circuit_open_until()
    if until is not None:
        # Left pending and unqueued: the first sweep after the circuit's retry time queues it.
        Delivery.objects.filter(pk=delivery_id, state=Delivery.State.PENDING).update(queued_at=None)
        return _postponed(until)
    with transaction.atomic():
        row = (
            _claimable().filter(pk=delivery_id, state=Delivery.State.PENDING, digest=False).first()
        )
        if row is None:
            return "not pending (sent, claimed by another worker, or unknown)"
        if not _queued_today(row):
            Delivery.objects.filter(pk=row.pk).update(queued_at=None)
            return LEFT_FOR_THE_SWEEP
        if not _still_due(row.recipient, [row]):
            return "cancelled"
        try:
            message = emails.reminder(row)
        except Exception as error:  # one unwritable row must not stop the batch
            Delivery.objects.filter(pk=row.pk).update(
                state=Delivery.State.FAILED, last_error=f"Could not be written: {_describe(error)}"
            )
            log.exception("Reminder %s could not be written", row.pk)
            return f"failed: could not be written ({error})"
        try:
            message.send()
        except SEND_ERRORS as error:
            return _record_failure([row], error)
        _record_sent([row], str(message.subject), message.extra_headers["Message-ID"])
        log_email(message, row.recipient, "chasing:reminder")
        return "sent"


def _start_of_today() -> datetime.datetime:
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))


LEFT_FOR_THE_SWEEP = "left for today's sweep: queued on an earlier day"


def _queued_today(row: Delivery) -> bool:
    """Whether today's sweep queued the row.

    A task queued on an earlier day (a worker back after a holiday, a backlog past midnight)
    may carry a step that today's sweep is about to supersede: sent now, the person would get
    the old step and then the new one, two emails about one action on one day. The sweep
    writes and supersedes the day's steps before it queues, so a row it queued today is
    current; any other row goes back to it.
    """
    return row.queued_at is not None and row.queued_at >= _start_of_today()


def deliver_digest(recipient_id: int) -> str:
    """Send a person today's digest of their pending escalations, at most one a day.

    The person's row is locked first so that two digest tasks for the same person run one
    after the other; the second finds today's digest sent and leaves newer rows for tomorrow.
    """
    until = circuit_open_until()
    if until is not None:
        Delivery.objects.filter(
            recipient_id=recipient_id, digest=True, state=Delivery.State.PENDING
        ).update(queued_at=None)
        return _postponed(until)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=recipient_id).first()
        if user is None:
            return "unknown recipient"
        sent_today = Delivery.objects.filter(
            recipient=user, digest=True, state=Delivery.State.SENT, sent_at__gte=_start_of_today()
        ).exists()
        if sent_today:
            return "today's digest was sent already"
        # Rows queued on an earlier day go back to today's sweep (see _queued_today).
        pending = Delivery.objects.filter(recipient=user, digest=True, state=Delivery.State.PENDING)
        pending.exclude(queued_at__gte=_start_of_today()).update(queued_at=None)
        # Waits for rows a sweep holds for a moment while queueing them, instead of skipping
        # them: a skipped row would miss today's digest and wait a day. The person's lock
        # already keeps a second digest task out.
        rows = list(
            _claimable(skip_locked=False).filter(
                recipient=user,
                digest=True,
                state=Delivery.State.PENDING,
                next_attempt_at__lte=timezone.now(),
                queued_at__isnull=False,
            )
        )
        rows = _still_due(user, rows)
        if not rows:
            return "nothing to send"
        message = emails.digest(user, rows, timezone.localdate())
        try:
            message.send()
        except SEND_ERRORS as error:
            return _record_failure(rows, error)
        _record_sent(rows, str(message.subject), message.extra_headers["Message-ID"])
        log_email(message, user, "chasing:digest")
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
