"""A question for a meeting: sent in advance by a member of the public (from the public pages,
pending until the clerk accepts, merges or declines it) or recorded by the clerk."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PublicQuestion(models.Model):
    """A question sent in advance by a member of the public or an organisation."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the clerk"
        ACCEPTED = "accepted", "Accepted"
        MERGED = "merged", "Merged with a similar question"
        DECLINED = "declined", "Declined"

    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="public_questions",
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
        help_text="The item it is taken at, once accepted.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    question = models.TextField()
    asked_by = models.CharField(max_length=200, help_text="Who sent it (person or organisation).")
    asked_by_agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    # Sent from the public pages: who to write to, and what they agreed to.
    email = models.EmailField(blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    consent = models.BooleanField(default=False, help_text="Agreed to its publication.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    sender = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="A keyed hash of the sender's address."
    )
    submit_token = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The one-time token of the form that sent it: a form sent twice is kept once.",
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    reason = models.TextField(blank=True, max_length=500, help_text="Why it was declined.")
    decided_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    outcome_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.question[:60]
