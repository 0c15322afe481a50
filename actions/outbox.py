"""Delivering the outbox: claim a row, send, record the result (DESIGN.md section 4).

Reminders go in batches (`deliver_batch`, `CHASING_BATCH_SIZE` rows a task): the batch's rows
are read in one query and sent over ONE SMTP connection, but each row is still claimed and
recorded in a transaction of its own, around its own SMTP conversation (actions/claims.py):

    BEGIN; SELECT state, ... WHERE id = %s FOR UPDATE SKIP LOCKED; (pending? go on)
    MAIL FROM / RCPT TO / DATA (250 accepted); UPDATE ... SET state = 'sent'; COMMIT

so a second worker (or the same batch delivered twice) finds each row locked or already sent
and skips it, and every accepted message's row is committed as sent before the next message
starts. A worker killed mid-batch loses only its open transaction: the rows it committed stay
sent, the row in flight rolls back to pending, and the rows it had not reached were never
touched; all of them are queued again (the broker redelivers the unacknowledged task, or the
sweep after `CHASING_REQUEUE_SECONDS`) and the claim sends each of them once.

The one resend window is today's, per row and no wider: a kill between the server's 250 for a
message and the COMMIT of its row (a single-row UPDATE) sends that message again; its
Message-ID is fixed per row (actions/emails.py), so the copy is recognisable. Holding every
row's lock for the whole batch instead would widen it to the batch (nothing committed until
the end); a lease column (claimed_at) would need expiry and could hand a slow live worker's
row to another.

What a failure costs depends on whose fault it is (actions/circuit.py), per row: a server that
cannot be reached opens the circuit breaker, costs the row nothing and ends the batch (its
remaining rows are left for the sweep after the retry time); a temporary refusal of the
message spends one of the row's attempts (exponential backoff, failed after the last) and the
batch goes on; a permanent refusal of the recipient (550) fails the row at once. Failed rows
show in the outbox admin. The recipients pass the access rule again here, for the whole batch
at once just before its rows are sent (actions/visible_pairs.py, tested equal to the rule), and
the action's status is re-read with each row's claim: one who lost access is dropped and the
step goes to the committee's officers instead (actions/recipients.py).
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from agencies.models import User
from meetings.marking import MarkedEmail, log_email

from . import emails, recipients
from .circuit import backoff, circuit_close, circuit_trip, is_connection_failure, is_permanent
from .circuit import open_until as circuit_open_until
from .claims import claim, record_sent
from .models import Action, Delivery

__all__ = [
    "backoff",
    "close_connection",
    "deliver",
    "deliver_batch",
    "deliver_digest",
    "delivery_retry",
]

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
    # One UPDATE, not bulk_update: its CASE per row cost a reminder more than its SMTP exchange.
    Delivery.objects.filter(pk__in=[row.pk for row in rows]).update(
        state=Delivery.State.SENT,
        sent_at=timezone.now(),
        subject=subject[:300],
        message_id=message_id[:200],
        attempts=F("attempts") + 1,
        last_error="",
    )


def _cancel(rows: list[Delivery], reason: str) -> None:
    Delivery.objects.filter(pk__in=[r.pk for r in rows]).update(
        state=Delivery.State.CANCELLED, last_error=reason
    )


HIDDEN = "The recipient may no longer see this action; sent to its officers."


def _still_due(user: User, rows: list[Delivery]) -> list[Delivery]:
    """The rows still to send: actions finished since are cancelled, and so are actions the
    person may no longer see (their step goes to the committee's officers instead)."""
    finished = [r for r in rows if not r.notification.action.is_outstanding]
    _cancel(finished, "The action was finished before sending.")
    rows = [r for r in rows if r.notification.action.is_outstanding]
    seen = emails.visible_ids(user, [r.notification.action for r in rows])
    hidden = [r for r in rows if r.notification.action_id not in seen]
    _cancel(hidden, HIDDEN)
    for row in hidden:
        recipients.reroute(row.notification)
    return [r for r in rows if r.notification.action_id in seen]


def _related(rows: QuerySet[Delivery]) -> QuerySet[Delivery]:
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


NOT_PENDING = "not pending (sent, claimed by another worker, or unknown)"


def _send(message: MarkedEmail, connection: BaseEmailBackend) -> None:
    """Send over `connection`, opening it first if it is not open (it then stays open)."""
    connection.open()
    connection.send_messages([message])


def close_connection(connection: BaseEmailBackend) -> None:
    """Say goodbye to the server; the rows are already recorded, so a failure here is logged."""
    try:
        connection.close()
    except SEND_ERRORS:
        log.warning("The SMTP connection did not close cleanly", exc_info=True)


def _unqueue(delivery_ids: list[int]) -> None:
    """Leave pending rows unqueued: the first sweep after the circuit's retry time queues them."""
    Delivery.objects.filter(pk__in=delivery_ids, state=Delivery.State.PENDING).update(
        queued_at=None
    )


def deliver(delivery_id: int) -> str:
    """Send one reminder if it is still pending and due; returns what happened."""
    return deliver_batch([delivery_id])[0]


def deliver_batch(delivery_ids: list[int]) -> list[str]:
    """Send these reminders over one SMTP connection, each claimed, sent and recorded as sent in
    a transaction of its own (see the module's docstring); returns what happened to each."""
    until = circuit_open_until()
    if until is not None:
        _unqueue(delivery_ids)
        return [_postponed(until)] * len(delivery_ids)
    results = dict.fromkeys(delivery_ids, NOT_PENDING)
    # Read without locks: each row is claimed (and its state re-read) just before its send.
    rows = list(
        _related(Delivery.objects.all())
        .filter(pk__in=delivery_ids, state=Delivery.State.PENDING, digest=False)
        .order_by("recipient_id", "pk")
    )
    earlier = [r.pk for r in rows if not _queued_today(r)]
    _unqueue(earlier)
    results |= dict.fromkeys(earlier, LEFT_FOR_THE_SWEEP)
    rows = [r for r in rows if _queued_today(r)]
    connection = get_connection()
    try:
        results |= _send_rows(rows, connection)
    finally:
        close_connection(connection)
    return [results[pk] for pk in delivery_ids]


def _send_rows(rows: list[Delivery], connection: BaseEmailBackend) -> dict[int, str]:
    """Send rows sorted by recipient; stops at a connection failure (the circuit is open)."""
    results: dict[int, str] = {}
    # The access rule for the whole batch at once, just before its rows go: asked person by
    # person, the rule's query cost more than the SMTP exchange of the person's emails.
    wanted: dict[int, set[int]] = {}
    for row in rows:
        wanted.setdefault(row.recipient_id, set()).add(row.notification.action_id)
    seen = recipients.who_may_see(wanted)
    sent_one = False
    for n, row in enumerate(rows):
        try:
            visible = (row.recipient_id, row.notification.action_id) in seen
            outcome = _send_row(row, visible, connection)
        except Exception:  # one row that raises must not stop the batch; it stays pending
            log.exception("Delivery %s raised", row.pk)
            outcome = "error"
        results[row.pk] = outcome
        if outcome == "sent" and not sent_one:
            sent_one = True
            circuit_close()
        if outcome.startswith("postponed"):
            rest = [r.pk for r in rows[n + 1 :]]
            _unqueue(rest)
            results |= dict.fromkeys(rest, outcome)
            break
    return results


@transaction.atomic
def _send_row(row: Delivery, visible: bool, connection: BaseEmailBackend) -> str:
    """Claim, send and record one reminder in one transaction."""
    status = claim(row)
    if status is None:
        return NOT_PENDING
    if status not in Action.OUTSTANDING:
        _cancel([row], "The action was finished before sending.")
        return "cancelled"
    if not visible:
        _cancel([row], HIDDEN)
        recipients.reroute(row.notification)
        return "cancelled"
    try:
        message = emails.reminder(row, visible=True)
    except Exception as error:  # one unwritable row must not stop the batch
        Delivery.objects.filter(pk=row.pk).update(
            state=Delivery.State.FAILED, last_error=f"Could not be written: {_describe(error)}"
        )
        log.exception("Reminder %s could not be written", row.pk)
        return f"failed: could not be written ({error})"
    try:
        _send(message, connection)
    except SEND_ERRORS as error:
        return _record_failure([row], error)
    record_sent(row, str(message.subject), message.extra_headers["Message-ID"])
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


def deliver_digest(recipient_id: int, connection: BaseEmailBackend | None = None) -> str:
    """Send a person today's digest of their pending escalations, at most one a day (over
    `connection` when given, left open for the next digest).

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
        locked = Delivery.objects.select_for_update(of=("self",))
        rows = list(
            _related(locked).filter(
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
        sender = connection or get_connection()
        try:
            _send(message, sender)
        except SEND_ERRORS as error:
            return _record_failure(rows, error)
        finally:
            if connection is None:
                close_connection(sender)
        _record_sent(rows, str(message.subject), message.extra_headers["Message-ID"])
        circuit_close()
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
