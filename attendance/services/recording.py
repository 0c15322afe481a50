"""Recording attendance on the day: status, late arrival, leaving early, and substitutes."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agencies.models import User

from ..models import Invitation
from ..rules import recorder_for
from .common import (
    StaleAttendance,
    Status,
    check_open,
    check_times,
    is_agency_person,
    locked,
    log_change,
    require_recorder,
)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


@transaction.atomic
def attendance_record(
    *,
    invitation: Invitation,
    by: User,
    status: str,
    arrived_at: datetime | None = None,
    left_at: datetime | None = None,
    note: str | None = None,
    expected_revision: int | None = None,
) -> Invitation:
    """Record one person's attendance: expected, present (perhaps late or leaving early),
    apologies or absent. Substitutes are recorded with substitute_record."""
    invitation = locked(invitation)
    require_recorder(by, invitation)
    meeting = invitation.meeting
    check_open(meeting)
    if expected_revision is not None and expected_revision != invitation.revision:
        raise StaleAttendance(invitation.name)
    if status not in Status.values:
        raise ValidationError({"status": "Choose expected, present, apologies or absent."})
    if (status == Status.SUBSTITUTE) != (invitation.status == Status.SUBSTITUTE):
        if status == Status.SUBSTITUTE:
            raise ValidationError(
                {"status": "Record a substitute from the person they stand in for."}
            )
        raise ValidationError(
            {"status": f"{invitation.name} is a substitute; remove the substitute instead."}
        )
    substitute = invitation.substitutes.select_related("person").first()
    if substitute is not None and status != Status.APOLOGIES:
        raise ValidationError(
            {
                "status": f"{substitute.name} substitutes for {invitation.name}; remove the "
                "substitute before recording anything else for them."
            }
        )
    check_times(meeting, status, arrived_at, left_at)
    before = {
        "arrived_at": invitation.arrived_at,
        "left_at": invitation.left_at,
        "note": invitation.note,
    }
    new_note = invitation.note if note is None else note.strip()
    after = {"arrived_at": arrived_at, "left_at": left_at, "note": new_note}
    details = {
        key: [_text(before[key]), _text(after[key])]
        for key in before
        if _text(before[key]) != _text(after[key])
    }
    if status == invitation.status and not details:
        return invitation
    from_status = invitation.status
    invitation.status = status
    invitation.arrived_at, invitation.left_at, invitation.note = arrived_at, left_at, new_note
    invitation.revision += 1
    invitation.full_clean(validate_unique=False, validate_constraints=False)
    invitation.save()
    log_change(invitation, by, from_status, details)
    return invitation


@transaction.atomic
def substitute_record(
    *,
    original: Invitation,
    by: User,
    person: User,
    arrived_at: datetime | None = None,
    left_at: datetime | None = None,
) -> Invitation:
    """Record that `person` attended in place of the invited person, who is then recorded as
    having sent apologies. The original must be invited and expected or have sent apologies."""
    original = locked(original)
    require_recorder(by, original)
    meeting = original.meeting
    check_open(meeting)
    if original.status == Status.SUBSTITUTE:
        raise ValidationError(
            {"original": f"{original.name} is a substitute; nobody can substitute for them."}
        )
    if original.status not in (Status.EXPECTED, Status.APOLOGIES):
        raise ValidationError(
            {
                "original": f"A substitute stands in for someone expected or who sent apologies; "
                f"{original.name} is recorded as {original.get_status_display().lower()}."
            }
        )
    if original.person_id is None:
        raise ValidationError({"original": "Nobody can substitute for an anonymous guest."})
    existing = original.substitutes.select_related("person").first()
    if existing is not None:
        raise ValidationError(
            {"person": f"{existing.name} already substitutes for {original.name}."}
        )
    if person.pk == original.person_id:
        raise ValidationError({"person": "Someone cannot substitute for themselves."})
    if original.agency is not None and not is_agency_person(person, original.agency):
        raise ValidationError(
            {
                "person": f"A substitute for {original.name} must be one of "
                f"{original.agency.name}'s people."
            }
        )
    already = Invitation.objects.filter(meeting=meeting, person=person).first()
    check_times(meeting, Status.SUBSTITUTE, arrived_at, left_at)
    if already is not None:
        # "Invite the committee" invites every colleague too: their own line becomes the
        # substitute line rather than blocking the lead.
        return _turn_into_substitute(
            locked(already), original=original, by=by, arrived_at=arrived_at, left_at=left_at
        )
    substitute = Invitation(
        meeting=meeting,
        person=person,
        agency=original.agency,
        capacity=original.capacity,
        agenda_item=original.agenda_item,
        status=Status.SUBSTITUTE,
        substitute_for=original,
        arrived_at=arrived_at,
        left_at=left_at,
        position=original.position,
    )
    try:
        with transaction.atomic():
            substitute.save()
    except IntegrityError as error:  # a concurrent substitute for the same person
        raise ValidationError(
            {"person": f"Someone else just recorded a substitute for {original.name}."}
        ) from error
    log_change(substitute, by, "", {"substitute_for": ["", original.name]})
    from_status = original.status
    original.status = Status.APOLOGIES
    original.revision += 1
    original.save()
    log_change(original, by, from_status, {"substitute": ["", person.full_name]})
    return substitute


def _turn_into_substitute(
    colleague: Invitation,
    *,
    original: Invitation,
    by: User,
    arrived_at: datetime | None,
    left_at: datetime | None,
) -> Invitation:
    """Turn the colleague's own invitation into the substitute line for `original`."""
    name = colleague.name
    if colleague.status not in (Status.EXPECTED, Status.PRESENT) or colleague.substitutes.exists():
        refusal = (
            f"{name} has someone substituting for them"
            if colleague.substitutes.exists()
            else f"{name} is recorded as {colleague.get_status_display().lower()}"
        )
        raise ValidationError(
            {"person": f"{refusal}, so they cannot substitute for {original.name}."}
        )
    if colleague.agenda_item_id != original.agenda_item_id:
        raise ValidationError(
            {
                "person": f"{name} is invited for one item only; record their attendance "
                "there, or remove that invitation first."
            }
        )
    if colleague.agency_id not in (None, original.agency_id) or not recorder_for(
        by, colleague.meeting
    ).may_record(colleague):
        raise ValidationError(
            {"person": f"{name} is invited for another agency; record their attendance there."}
        )
    from_status = colleague.status
    details = {
        "substitute_for": ["", original.name],
        # Kept so that removing the substitute gives the colleague their own line back.
        "own_capacity": [colleague.capacity, original.capacity],
        "own_agency": [str(colleague.agency_id or ""), str(original.agency_id or "")],
        "own_position": [str(colleague.position), str(original.position)],
    }
    colleague.status = Status.SUBSTITUTE
    colleague.substitute_for = original
    colleague.capacity = original.capacity
    colleague.agency = original.agency
    colleague.position = original.position
    colleague.arrived_at, colleague.left_at = arrived_at, left_at
    colleague.revision += 1
    try:
        with transaction.atomic():
            colleague.save()
    except IntegrityError as error:
        raise ValidationError(
            {"person": f"Someone else just recorded a substitute for {original.name}."}
        ) from error
    log_change(colleague, by, from_status, details)
    before = original.status
    original.status = Status.APOLOGIES
    original.revision += 1
    original.save()
    log_change(original, by, before, {"substitute": ["", name]})
    return colleague


def _own_line_before(substitute: Invitation) -> dict | None:
    """What the substitute's own invitation was before it became a substitute line, if it was."""
    change = (
        substitute.changes.filter(to_status=Status.SUBSTITUTE)
        .exclude(from_status="")
        .order_by("-changed_at", "-id")
        .first()
    )
    if change is None or "own_capacity" not in change.details:
        return None
    return {
        "status": change.from_status,
        "capacity": change.details["own_capacity"][0],
        "agency_id": int(change.details["own_agency"][0] or 0) or None,
        "position": int(change.details["own_position"][0]),
    }


@transaction.atomic
def substitute_remove(*, substitute: Invitation, by: User) -> Invitation:
    """Remove a substitute recorded in error; the person they stood in for keeps their apologies.
    Returns the original invitation."""
    substitute = locked(substitute)
    if substitute.status != Status.SUBSTITUTE or substitute.substitute_for is None:
        raise ValidationError(f"{substitute.name} is not a substitute.")
    original = locked(substitute.substitute_for)
    require_recorder(by, original)
    check_open(original.meeting)
    name = substitute.name
    own = _own_line_before(substitute)
    if own is None:
        substitute.delete()
    else:
        # They were invited in their own right: give them their own line back.
        substitute.status, substitute.substitute_for = own["status"], None
        substitute.capacity, substitute.agency_id = own["capacity"], own["agency_id"]
        substitute.position = own["position"]
        substitute.arrived_at = substitute.left_at = None
        substitute.revision += 1
        substitute.save()
        log_change(substitute, by, Status.SUBSTITUTE, {"substitute_for": [original.name, ""]})
    original.revision += 1
    original.save(update_fields=["revision"])
    log_change(original, by, original.status, {"substitute": [name, ""]})
    return original
