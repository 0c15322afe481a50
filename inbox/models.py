"""One message to one person about one event: shown in their messages list and emailed.

The row is the outbox (DESIGN.md section 4): it is written in the same transaction as the step it
tells of, under a unique (event, recipient) constraint, so a step replayed or retried never tells
anyone twice; delivery after commit claims it, sends and marks it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Message(models.Model):
    """A notification to one person: what happened, what to do next, and a link."""

    class Kind(models.TextChoices):
        ACTION_ASSIGNED = "action_assigned", "Action assigned"
        ACTION_TO_ASSIGN = "action_to_assign", "Action to assign"
        MINUTES_CIRCULATED = "minutes_circulated", "Minutes for comment"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"
        AGENDA_PUBLISHED = "agenda_published", "Agenda published"
        AGENDA_CHANGED = "agenda_changed", "Agenda changed"
        MEETING_CANCELLED = "meeting_cancelled", "Meeting cancelled"

    class Email(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"
        NONE = "none", "In-app only"

    event = models.CharField(
        max_length=200,
        help_text="What happened, e.g. action-assigned:12:5; one message per person.",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_messages"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject = models.CharField(max_length=300)
    body = models.TextField(max_length=4000, help_text="What happened and what to do next.")
    link = models.CharField(max_length=500, help_text="A path on this site.")
    # A message about a guarded object (a restricted action) is re-checked before it is sent or
    # shown: whoever lost sight of it since is not told.
    guard = models.CharField(max_length=50, blank=True)
    guard_id = models.BigIntegerField(null=True, blank=True)
    restricted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email = models.CharField(max_length=10, choices=Email.choices, default=Email.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "recipient"], name="one_message_per_event"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="inbox_unread"),
            models.Index(fields=["email", "next_attempt_at"], name="inbox_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.recipient_id}"

    @property
    def url(self) -> str:
        """The full link, as emails give it."""
        return f"{settings.SITE_URL}{self.link}"
