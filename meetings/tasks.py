"""Celery tasks for meetings: thin, ids in."""

from __future__ import annotations

from celery import shared_task

from .models import AgendaVersion
from .notices import committee_invitees, send_notice
from .services.lifecycle import meetings_mark_past_held


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_agenda_notices(self, version_id: int) -> int:
    """Email every invitee what they may see of a published agenda version; safe to repeat."""
    version = AgendaVersion.objects.select_related("meeting__committee").get(pk=version_id)
    return sum(send_notice(version, user) for user in committee_invitees(version.meeting.committee))


@shared_task
def mark_meetings_held() -> int:
    """Mark published meetings whose end has passed as held; the beat runs it."""
    return meetings_mark_past_held()
