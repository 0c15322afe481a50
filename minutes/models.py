"""Minutes: what was said and resolved under each agenda item, from draft to approved and locked.

A meeting's `Minutes` move draft → circulated (members comment) → approved. They are approved
by a resolution under the "Minutes" item of a later meeting of the same committee; approval
locks them, and from then on a change is a recorded `MinuteAmendment`, never a silent edit.
A `Minute` belongs to one agenda item and follows that item's access.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.conf import settings
from django.db import models
from django.db.models import Q

from audit.targets import ReadKind, Target, loaded


class Minutes(models.Model):
    """The minutes of one meeting as a whole, and the stage they are at."""

    class Stage(models.TextChoices):
        DRAFT = "draft", "Draft"
        CIRCULATED = "circulated", "Circulated for comment"
        APPROVED = "approved", "Approved and locked"

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="minutes"
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    circulated_at = models.DateTimeField(null=True, blank=True)
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes",
        help_text="The later meeting whose Minutes item approved these minutes.",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who recorded the approval.",
    )
    snapshot = models.JSONField(
        null=True,
        blank=True,
        help_text="Attendance, declarations and closing time as they stood when approved, so "
        "that later changes to the attendance record do not change locked minutes.",
    )

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        stage="approved",
                        approved_at_meeting__isnull=False,
                        approved_at__isnull=False,
                    )
                    | (~Q(stage="approved") & Q(approved_at_meeting__isnull=True))
                ),
                name="minutes_approved_at_a_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(approved_at_meeting=models.F("meeting")),
                name="minutes_not_approved_at_own_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    @property
    def is_locked(self) -> bool:
        """Approved minutes change only by recorded amendment."""
        return self.stage == self.Stage.APPROVED


class Minute(models.Model):
    """What was said under one agenda item: narrative paragraphs and resolutions."""

    record = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    item = models.OneToOneField(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="minute"
    )
    narrative = models.TextField(
        blank=True, help_text="Paragraphs separated by a blank line; each is numbered."
    )
    revision = models.PositiveIntegerField(
        default=0, help_text="Bumped by every change, so an edit made on a stale page is refused."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Minute of item {self.item_id}"

    def audit_targets(self) -> Iterator[Target]:
        """The minute, under its item, for the log of reads."""
        item = loaded(self, "item")
        yield Target(
            ReadKind.MINUTE,
            self.pk,
            self.item_id,
            item.restricted if item else None,
            version=f"minute revision {self.revision}",
        )

    @property
    def paragraphs(self) -> list[str]:
        """The narrative split into its paragraphs."""
        return split_paragraphs(self.narrative)


class Resolution(models.Model):
    """One resolution of a minute ("That ..."); several are the (a), (b), (c) parts."""

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="resolutions")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    approves = models.OneToOneField(
        Minutes,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approval",
        help_text="Set on the resolution that approved an earlier meeting's minutes.",
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class MinuteAmendment(models.Model):
    """A correction to approved minutes: who made it, when, why, and the text before and after."""

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="amendments")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()
    narrative_before = models.TextField(blank=True)
    narrative_after = models.TextField(blank=True)
    resolutions_before = models.JSONField(default=list)
    resolutions_after = models.JSONField(default=list)

    class Meta:
        ordering = ["made_at", "id"]

    def __str__(self) -> str:
        return f"Amendment of {self.minute_id} at {self.made_at:%Y-%m-%d}"


class MinutesComment(models.Model):
    """A member's comment on circulated minutes, on one item or on the minutes as a whole."""

    record = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="minutes_comments",
        help_text="Empty for a comment on the minutes as a whole.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="minutes_comments"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author_id} on {self.record_id}"

    def audit_targets(self) -> Iterator[Target]:
        """A comment on an item is shown with the item's title: a read of the item."""
        if self.item_id:
            yield Target(ReadKind.ITEM, self.item_id, self.item_id)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text typed with blank lines between them."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return [block.strip() for block in blocks if block.strip()]
