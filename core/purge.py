"""Deleting the plumbing rows that outlive their use: one-time submit records and drafts.

A submit record only has to outlive the page that carried its token (a session lasts 30
minutes; a draft replayed after signing in again, a day at most). A draft holds what someone
typed, perhaps about a restricted item: kept no longer than its author can be expected to come
back for it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from .models import Draft, Submission


def purge_plumbing(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Delete submit records older than SUBMISSION_KEEP_DAYS and drafts older than
    DRAFT_KEEP_DAYS; returns (submissions, drafts) deleted."""
    now = now or timezone.now()
    submissions, _ = Submission.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.SUBMISSION_KEEP_DAYS)
    ).delete()
    drafts, _ = Draft.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.DRAFT_KEEP_DAYS)
    ).delete()
    return submissions, drafts
