"""What the retention job has found may come off the public pages (public_pages/retention.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class RemovableRecord(models.Model):
    """A public meeting's record (its agenda and minutes) or one of its papers, past the time
    the law keeps it public. Marked, never removed, by the job: people decide what goes."""

    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    paper = models.ForeignKey(
        "meetings.Paper", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    removable_since = models.DateField(help_text="The first day it may be removed.")
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["removable_since", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, paper__isnull=True)
                | Q(meeting__isnull=True, paper__isnull=False),
                name="removable_record_is_a_meeting_or_a_paper",
            ),
            models.UniqueConstraint(fields=["meeting"], name="one_mark_per_meeting"),
            models.UniqueConstraint(fields=["paper"], name="one_mark_per_paper"),
        ]

    def __str__(self) -> str:
        what = f"meeting {self.meeting_id}" if self.meeting_id else f"paper {self.paper_id}"
        return f"{what} removable since {self.removable_since}"
