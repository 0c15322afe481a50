"""Recording attendance on the day: status, late arrival, leaving early, and substitutes."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agencies.models import User

from ..models import Invitation
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
    if already is not None:
        raise ValidationError(
            {
                "person": f"{person.full_name} is already invited to this meeting "
                f"(as {already.get_capacity_display().lower()}); record their attendance there."
            }
        )
    check_times(meeting, Status.SUBSTITUTE, arrived_at, left_at)
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
    substitute.delete()
    original.revision += 1
    original.save(update_fields=["revision"])
    log_change(original, by, original.status, {"substitute": [name, ""]})
    return original
