"""The mail server's circuit breaker (DESIGN.md section 4): a server that is down is not a bad
message.

A failure of the connection (refused, timed out, dropped, a 421 "closing", a refusal before any
recipient was accepted) opens the circuit: nothing is tried until `retry_at`, which backs off
while the outage lasts, and the rows keep their attempts, so everything goes out when the
server returns. Refusals of one message or recipient spend that row's attempts as before, and
a permanent one (5xx for the recipient or the message) fails the row at once, visibly.
"""

from __future__ import annotations

import datetime
import smtplib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import MailCircuit

NAME = "smtp"

# smtplib's exceptions are OSErrors too, so they are told apart before the plain OSError test.
_CONNECTION = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPNotSupportedError,
    smtplib.SMTPSenderRefused,
)


def backoff(attempts: int) -> datetime.timedelta:
    """How long to wait after the n-th failed attempt: doubling, capped at an hour."""
    seconds = settings.CHASING_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 3600))


def is_connection_failure(error: BaseException) -> bool:
    """Whether the server (not this message) failed: the circuit opens, no attempt is spent."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code == 421 for code, _ in error.recipients.values())
    if isinstance(error, _CONNECTION):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code == 421
    if isinstance(error, smtplib.SMTPException):
        return False
    return isinstance(error, OSError)


def is_permanent(error: BaseException) -> bool:
    """Whether the server refused this message or recipient for good (a 5xx reply)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


def open_until() -> datetime.datetime | None:
    """When the open circuit lets the next try through; None when it is closed (or due)."""
    retry_at = (
        MailCircuit.objects.filter(name=NAME, retry_at__gt=timezone.now())
        .values_list("retry_at", flat=True)
        .first()
    )
    return retry_at


@transaction.atomic
def circuit_trip(error: BaseException) -> datetime.datetime:
    """Record a connection failure and back off; returns when the next try may happen."""
    MailCircuit.objects.bulk_create([MailCircuit(name=NAME)], ignore_conflicts=True)
    circuit = MailCircuit.objects.select_for_update().get(name=NAME)
    now = timezone.now()
    if circuit.retry_at is not None and circuit.retry_at > now:
        # Another worker tripped it meanwhile (a batch in flight): one outage, one step back.
        return circuit.retry_at
    circuit.failures += 1
    circuit.opened_at = circuit.opened_at or now
    wait = settings.CHASING_RETRY_BASE_SECONDS * 2 ** min(circuit.failures - 1, 20)
    circuit.retry_at = now + datetime.timedelta(
        seconds=min(wait, settings.CHASING_CIRCUIT_MAX_SECONDS)
    )
    circuit.last_error = f"{type(error).__name__}: {error}"[:2000]
    circuit.save()
    return circuit.retry_at


def circuit_close() -> None:
    """A message went out: the server is back."""
    MailCircuit.objects.filter(name=NAME, failures__gt=0).update(
        failures=0, opened_at=None, retry_at=None, last_error=""
    )
