"""Celery tasks for meetings: thin, ids in."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from celery import shared_task

from .models import AgendaVersion
from .notices import pending_notices, send_notice
from .question_emails import send_question_emails, unsent_question_ids
from .services.lifecycle import meetings_mark_past_held

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_agenda_notices(self, version_id: int) -> int:
    """Email each person queued for a published agenda version what they may see of it (the
    notice rows are written with the publishing or the invitation); safe to repeat."""
    version = AgendaVersion.objects.select_related("meeting__committee").get(pk=version_id)
    people = version.notices.filter(sent_at__isnull=True).select_related("recipient")
    sent, failure = 0, None
    for notice in people.order_by("id"):
        # One refused address does not stop the others; the task is retried for it after.
        try:
            sent += send_notice(version, notice.recipient)
        except OSError as error:  # smtplib's errors are OSErrors
            failure = error
    if failure is not None:
        raise failure
    return sent


@shared_task
def send_pending_agenda_notices() -> int:
    """Queue again the versions with notices still unsent (the beat runs it)."""
    versions = set(pending_notices().values_list("version_id", flat=True))
    for version_id in versions:
        send_agenda_notices.delay(version_id)
    return len(versions)


@shared_task
def mark_meetings_held() -> int:
    """Mark published meetings whose end has passed as held; the beat runs it."""
    return meetings_mark_past_held()


@shared_task(
    autoretry_for=(OSError, SMTPException),
    retry_backoff=30,
    retry_kwargs={"max_retries": 8},
)
def send_question_email(question_id: int) -> int:
    """Tell someone who sent a question what has happened to it (once each)."""
    return send_question_emails(question_id)


@shared_task
def send_pending_question_emails() -> int:
    """The beat's sweep: send what askers are owed whose task was lost (each email once)."""
    sent = 0
    for question_id in unsent_question_ids():
        try:
            sent += send_question_emails(question_id)
        except (OSError, SMTPException):
            logger.warning("question %s: refused; the next sweep tries again", question_id)
    return sent
