"""A meeting's transcript and the actions drafted from it, for a chair or clerk to decide."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.fields import SHORT_LIMIT, TEXT_LIMIT, TITLE_LIMIT

# The longest transcript kept: a day's hearing is well under this many lines.
MAX_LINES = 20_000


class Transcript(models.Model):
    """One uploaded transcript of a meeting: its lines (for quotes in context) and its reading."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be read"
        READING = "reading", "Being read"
        DONE = "done", "Read"
        FAILED = "failed", "Could not be read"

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="transcripts"
    )
    name = models.CharField(max_length=TITLE_LIMIT)
    data = models.BinaryField(blank=True, editable=False, help_text="The file until it is read.")
    lines = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent read.")
    problem = models.CharField(max_length=SHORT_LIMIT, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="transcript_progress_pct")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class DraftAction(models.Model):
    """A commitment found in a transcript; it becomes an action only when a person accepts it."""

    class State(models.TextChoices):
        PENDING = "pending", "To review"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Merged into another"

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="drafts")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="draft_actions"
    )
    quote = models.CharField(max_length=SHORT_LIMIT)
    line = models.PositiveIntegerField()
    speaker = models.CharField(max_length=TITLE_LIMIT, help_text="The person as labelled.")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency_text = models.CharField(max_length=TITLE_LIMIT, blank=True)
    to = models.CharField(max_length=TITLE_LIMIT, blank=True)
    wording = models.CharField(max_length=SHORT_LIMIT)
    due = models.CharField(max_length=TITLE_LIMIT, blank=True)
    confidence = models.FloatField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    action = models.ForeignKey(
        "actions.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    note = models.CharField(max_length=TEXT_LIMIT, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["transcript", "line", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="draft_confidence_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.wording}"
