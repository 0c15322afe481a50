"""Celery tasks of audit: thin, state in the database."""

from __future__ import annotations

from celery import shared_task

from .disclosures import purge_disclosures


@shared_task
def purge_old_disclosures() -> str:
    """The beat's daily deletion of disclosures past DISCLOSURE_KEEP_DAYS."""
    return f"deleted {purge_disclosures()} disclosures"
