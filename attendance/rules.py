"""Who may record whose attendance at a meeting: one small policy object, read once per request.

The chair and secretariat (committee officers) record anyone; an agency lead records the people
attending for their own agency, and only theirs; anyone may send their own apologies ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from agencies.models import User
from meetings import access
from meetings.access import AnyUser
from meetings.models import Meeting

from .models import Invitation


@dataclass(frozen=True)
class Recorder:
    """What one person may record at one meeting, read from their MeetingViewer: the agencies
    they lead and the items they see are read only when a question needs them."""

    viewer: access.MeetingViewer

    @property
    def user(self) -> AnyUser:
        """The person recording."""
        return self.viewer.user

    @property
    def is_officer(self) -> bool:
        """Whether they run the meeting (chair or secretariat): they record anyone."""
        return self.viewer.runs_it

    @property
    def lead_agency_ids(self) -> frozenset[int]:
        """The agencies whose people they record, as those agencies' lead."""
        return self.viewer.lead_agency_ids

    @property
    def records_anything(self) -> bool:
        """Whether this person may record anyone's attendance at all."""
        return self.is_officer or bool(self.lead_agency_ids)

    def may_record(self, invitation: Invitation) -> bool:
        """Whether this person may record this invitation's attendance."""
        if self.is_officer:
            return True
        if invitation.agency_id is None or invitation.agency_id not in self.lead_agency_ids:
            return False
        # A lead never records (and so never learns of) a guest of an item they may not see.
        return self.viewer.sees_item(invitation.agenda_item_id)

    def is_self(self, invitation: Invitation) -> bool:
        """Whether the invitation is this person's own."""
        return invitation.person_id is not None and invitation.person_id == self.user.id


def recorder_for(user: User, meeting: Meeting) -> Recorder:
    """The recording rights of a person at a meeting (they must be able to see the meeting)."""
    return recorder_of(access.meeting_viewer(user, meeting))


def recorder_of(viewer: access.MeetingViewer) -> Recorder:
    """The recording rights that follow from what a person may see and do at a meeting."""
    return Recorder(viewer)


CANCELLED = "This meeting was cancelled; its attendance cannot be changed."


def send_apologies_refusal(invitation: Invitation, *, now: datetime) -> str | None:
    """Why the invited person may not send their own apologies now, or None when they may
    (sending them again is no refusal: nothing changes)."""
    meeting = invitation.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        return CANCELLED
    if now >= meeting.starts_at:
        return (
            "The meeting has started, so apologies can no longer be sent here; ask the clerk "
            "or your agency lead to record them."
        )
    if invitation.status not in (Invitation.Status.EXPECTED, Invitation.Status.APOLOGIES):
        return f"You are recorded as {invitation.get_status_display().lower()}; ask the clerk."
    return None


def withdraw_apologies_refusal(
    invitation: Invitation, *, now: datetime, substituted: bool
) -> str | None:
    """Why the invited person may not take back their apologies now, or None when they may."""
    meeting = invitation.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        return CANCELLED
    if now >= meeting.starts_at:
        return "The meeting has started; ask the clerk to record your attendance."
    if invitation.status != Invitation.Status.APOLOGIES:
        return "You have not sent apologies for this meeting."
    if substituted:
        return (
            "Someone is substituting for you; ask your agency lead or the clerk to remove "
            "the substitute first."
        )
    return None
