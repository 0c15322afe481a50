"""What cancelling a meeting means for its invitations (shown on the confirmation page)."""

from __future__ import annotations

from meetings.models import Meeting

from .models import Invitation


def meeting_cancel(meeting: Meeting) -> list[str]:
    """How many people are invited, and what they will see."""
    invited = Invitation.objects.filter(meeting=meeting).count()
    if not invited:
        return ["Nobody has been invited yet."]
    people = "1 person is" if invited == 1 else f"{invited} people are"
    return [
        f"{people} invited: they will see the meeting as cancelled on its page and in their "
        "calendar feeds, and their attendance and apologies can no longer be changed."
    ]
