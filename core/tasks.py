"""Celery tasks of core: thin, state in the database."""

from __future__ import annotations

from celery import shared_task

from .purge import purge_plumbing


@shared_task
def purge_old_plumbing() -> str:
    """The beat's daily clean-up of submit records and unclaimed drafts."""
    submissions, drafts = purge_plumbing()
    return f"deleted {submissions} submit records and {drafts} drafts"
