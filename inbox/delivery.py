"""Emailing messages: claim a row, send, record the result (DESIGN.md section 4).

A row is claimed with SELECT ... FOR UPDATE SKIP LOCKED and marked sent in the same transaction as
the send, so a second worker (or the same task delivered twice) finds it locked or sent and does
nothing. A refused send is recorded with the time of the next attempt (exponential backoff); the
sweep queues it again then, and after the last attempt it is marked failed.
"""

from __future__ import annotations

import datetime
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .guards import may_see
from .models import Message

SEND_ERRORS = (smtplib.SMTPException, OSError)


def backoff(attempts: int) -> datetime.timedelta:
    """How long to wait after the n-th failed attempt: doubling, capped at an hour."""
    seconds = settings.CHASING_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 3600))


def render(message: Message) -> EmailMultiAlternatives:
    """The email of one message: plain text and HTML, marked when it is about restricted work."""
    context = {"message": message, "user": message.recipient}
    subject = message.subject
    if message.restricted:
        subject = f"OFFICIAL-SENSITIVE: {subject}"
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("inbox/email/message.txt", context),
        to=[message.recipient.email],
        headers={"Message-ID": make_msgid(domain="meetings.example")},
    )
    email.attach_alternative(render_to_string("inbox/email/message.html", context), "text/html")
    return email


def deliver(message_id: int) -> str:
    """Email one message if it is still pending and due; returns what happened."""
    with transaction.atomic():
        row = (
            Message.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=message_id, email=Message.Email.PENDING)
            .first()
        )
        if row is None:
            return "not pending (sent, claimed by another worker, or unknown)"
        if row.next_attempt_at and row.next_attempt_at > timezone.now():
            return "not due yet"
        if not row.recipient.is_active or not may_see(row.recipient, row.guard, row.guard_id):
            row.email = Message.Email.CANCELLED
            row.last_error = "The recipient may no longer see what this message is about."
            row.save(update_fields=["email", "last_error"])
            return "cancelled"
        email = render(row)
        try:
            email.send()
        except SEND_ERRORS as error:
            row.attempts += 1
            row.last_error = f"{type(error).__name__}: {error}"[:2000]
            row.next_attempt_at = timezone.now() + backoff(row.attempts)
            if row.attempts >= settings.CHASING_MAX_ATTEMPTS:
                row.email = Message.Email.FAILED
            row.save(update_fields=["attempts", "last_error", "next_attempt_at", "email"])
            return f"failed: {error}"
        row.attempts += 1
        row.email = Message.Email.SENT
        row.sent_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["attempts", "email", "sent_at", "last_error"])
        return "sent"
