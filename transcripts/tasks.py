"""The worker's part of transcripts: thin, an id in, state in the database."""

from __future__ import annotations

from celery import shared_task

from .services import transcript_read


@shared_task
def read_transcript(transcript_id: int) -> str:
    """Read an uploaded transcript and draft its actions; safe to run twice."""
    return transcript_read(transcript_id)
