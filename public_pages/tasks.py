"""Celery tasks of the public pages: thin, state in the database."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .retention import mark_removable


@shared_task
def mark_public_records_removable() -> str:
    """The beat's daily pass over the public record (public_pages/retention.py)."""
    meetings, papers = mark_removable(timezone.localdate())
    return f"marked {meetings} meetings' records and {papers} papers as removable"
