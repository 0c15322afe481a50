"""What every attendance write shares: the status names, the stale-edit error, the row lock,
the history entry and the checks of who may change what and when."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agencies.models import Agency, Membership, User
from meetings import access
from meetings.models import Meeting

from ..models import AttendanceChange, Invitation
from ..rules import CANCELLED, recorder_for

Status = Invitation.Status
Capacity = Invitation.Capacity


class StaleAttendance(ValidationError):
    """Someone else changed this person's attendance since the page was opened."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"Someone else changed {name}'s attendance since you opened this page. Nothing has "
            "been saved; check the page and record it again.",
            code="stale",
        )


def log_change(
    invitation: Invitation, by: User | None, from_status: str, details: dict | None = None
) -> AttendanceChange:
    """Write one entry in the invitation's attendance history."""
    return AttendanceChange.objects.create(
        invitation=invitation,
        changed_by=by,
        from_status=from_status,
        to_status=invitation.status,
        details=details or {},
    )


def check_open(meeting: Meeting) -> None:
    """Refuse any change of attendance to a cancelled meeting."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(CANCELLED)


def require_officer(by: User, meeting: Meeting) -> None:
    """Only the chairs and the secretariat of the meeting's committee may go on."""
    if not access.is_committee_officer(by, meeting.committee):
        raise PermissionDenied("Only the chair and the secretariat can do that.")


def require_recorder(by: User, invitation: Invitation) -> None:
    """Only someone who may record this invitation's attendance may go on."""
    if not recorder_for(by, invitation.meeting).may_record(invitation):
        raise PermissionDenied(
            "You can record attendance only for the people attending for your own agency."
        )


def locked(invitation: Invitation) -> Invitation:
    """Re-read the invitation under a row lock, so two recorders cannot interleave."""
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("meeting__committee", "person", "agency")
        .get(pk=invitation.pk)
    )


def check_times(
    meeting: Meeting, status: str, arrived_at: datetime | None, left_at: datetime | None
) -> None:
    """Refuse a late arrival or early leaving that does not fit the status and the meeting day."""
    errors: dict[str, str] = {}
    if status not in Invitation.ATTENDING:
        if arrived_at is not None:
            errors["arrived_at"] = "Only someone who attended can have arrived late."
        if left_at is not None:
            errors["left_at"] = "Only someone who attended can have left early."
        if errors:
            raise ValidationError(errors)
        return
    day_end = meeting.starts_at + timedelta(days=1)
    for name, value in (("arrived_at", arrived_at), ("left_at", left_at)):
        if value is not None and timezone.is_naive(value):
            raise ValidationError({name: "Times must include a time zone."})
    start = timezone.localtime(meeting.starts_at).strftime("%H:%M")
    if arrived_at is not None and not meeting.starts_at < arrived_at < day_end:
        errors["arrived_at"] = f"A late arrival must be after the meeting started at {start}."
    if left_at is not None and not meeting.starts_at < left_at < day_end:
        errors["left_at"] = f"Leaving early must be after the meeting started at {start}."
    if arrived_at and left_at and "left_at" not in errors and left_at <= arrived_at:
        errors["left_at"] = "They must have left after they arrived."
    if errors:
        raise ValidationError(errors)


def is_agency_person(person: User, agency: Agency) -> bool:
    """Whether the person is one of the agency's people."""
    return Membership.objects.filter(user=person, agency=agency).exists()
