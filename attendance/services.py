"""Writes for attendance. Each checks who may make it (attendance.rules), refuses bad input with a
ValidationError before anything is saved, and records every change of attendance in its history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from agencies.models import Agency, Membership, User
from meetings import access
from meetings.models import AgendaItem, Committee, Meeting

from .models import AttendanceChange, Declaration, Invitation, QuorumRule
from .rules import recorder_for

Status = Invitation.Status
Capacity = Invitation.Capacity
MAX_NATURE = 2000


class StaleAttendance(ValidationError):
    """Someone else changed this person's attendance since the page was opened."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"Someone else changed {name}'s attendance since you opened this page. Nothing has "
            "been saved; check the page and record it again.",
            code="stale",
        )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _log(
    invitation: Invitation, by: User | None, from_status: str, details: dict | None = None
) -> AttendanceChange:
    return AttendanceChange.objects.create(
        invitation=invitation,
        changed_by=by,
        from_status=from_status,
        to_status=invitation.status,
        details=details or {},
    )


def _check_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled; its attendance cannot be changed.")


def _require_officer(by: User, meeting: Meeting) -> None:
    if not access.is_committee_officer(by, meeting.committee):
        raise PermissionDenied("Only the chair and the secretariat can do that.")


def _require_recorder(by: User, invitation: Invitation) -> None:
    if not recorder_for(by, invitation.meeting).may_record(invitation):
        raise PermissionDenied(
            "You can record attendance only for the people attending for your own agency."
        )


def _locked(invitation: Invitation) -> Invitation:
    """Re-read the invitation under a row lock, so two recorders cannot interleave."""
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("meeting__committee", "person", "agency")
        .get(pk=invitation.pk)
    )


def _check_times(
    meeting: Meeting, status: str, arrived_at: datetime | None, left_at: datetime | None
) -> None:
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


def _agency_person(person: User, agency: Agency) -> bool:
    return Membership.objects.filter(user=person, agency=agency).exists()


def _next_position(meeting: Meeting) -> int:
    last = Invitation.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


@transaction.atomic
def invitation_add(
    *,
    meeting: Meeting,
    by: User,
    capacity: str,
    person: User | None = None,
    pseudonym: str = "",
    agency: Agency | None = None,
    agenda_item: AgendaItem | None = None,
    note: str = "",
) -> Invitation:
    """Invite one person (or an anonymous guest by pseudonym) to a meeting; chairs and clerks."""
    _require_officer(by, meeting)
    _check_open(meeting)
    pseudonym = pseudonym.strip()
    if capacity not in Capacity.values:
        raise ValidationError({"capacity": "Choose member, officer, guest or observer."})
    if (person is None) == (not pseudonym):
        raise ValidationError({"person": "Choose a person, or give a pseudonym for a guest."})
    if pseudonym and capacity != Capacity.GUEST:
        raise ValidationError({"pseudonym": "Only a guest can be recorded by a pseudonym."})
    if pseudonym and agency is not None:
        raise ValidationError({"agency": "An anonymous guest attends for no agency."})
    if agenda_item is not None:
        if agenda_item.meeting_id != meeting.id:
            raise ValidationError({"agenda_item": "That item belongs to another meeting."})
        if capacity != Capacity.GUEST:
            raise ValidationError({"agenda_item": "Only guests are invited for a single item."})
    if capacity == Capacity.MEMBER and agency is None:
        raise ValidationError({"agency": "Choose the agency this member attends for."})
    if person is not None and agency is not None and not _agency_person(person, agency):
        raise ValidationError(
            {"agency": f"{person.full_name} is not one of {agency.name}'s people."}
        )
    taken = Invitation.objects.filter(meeting=meeting)
    if person is not None and taken.filter(person=person).exists():
        raise ValidationError({"person": f"{person.full_name} is already invited to this meeting."})
    if pseudonym and taken.filter(pseudonym=pseudonym).exists():
        raise ValidationError({"pseudonym": f"A guest called {pseudonym} is already invited."})
    invitation = Invitation(
        meeting=meeting,
        person=person,
        pseudonym=pseudonym,
        agency=agency,
        capacity=capacity,
        agenda_item=agenda_item,
        note=note.strip(),
        position=_next_position(meeting),
    )
    invitation.full_clean(validate_unique=False, validate_constraints=False)
    invitation.save()
    _log(invitation, by, "", {"invited": ["", invitation.get_capacity_display()]})
    return invitation


def _committee_agency(
    person_agencies: list[int], host_id: int, member_ids: list[int]
) -> int | None:
    if host_id in person_agencies:
        return host_id
    return next((a for a in member_ids if a in person_agencies), None)


@transaction.atomic
def invitations_generate(*, meeting: Meeting, by: User) -> list[Invitation]:
    """Invite the committee: its chairs, its secretariat (as officers) and the leads and members
    of its host and member agencies (as members). People already invited are left as they are;
    managers, who receive escalations rather than attend, are not invited."""
    _require_officer(by, meeting)
    _check_open(meeting)
    committee = meeting.committee
    member_ids = list(committee.member_agencies.order_by("name").values_list("id", flat=True))
    agency_ids = [committee.host_id, *member_ids]
    agencies_of: dict[int, list[int]] = {}
    for user_id, agency_id in Membership.objects.filter(
        agency_id__in=agency_ids,
        role__in=[Membership.Role.LEAD, Membership.Role.MEMBER],
        user__is_active=True,
    ).values_list("user_id", "agency_id"):
        agencies_of.setdefault(user_id, []).append(agency_id)
    chairs = {u.id: u for u in [*meeting.chairs.all(), *committee.chairs.all()]}
    officers = {u.id: u for u in committee.secretariat.filter(is_active=True)}
    people = {u.id: u for u in User.objects.filter(id__in=agencies_of, is_active=True)}
    taken = set(Invitation.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    plan: list[tuple[User, str, int | None]] = []
    for user in sorted(chairs.values(), key=lambda u: u.full_name):
        agency = _committee_agency(agencies_of.get(user.id, []), committee.host_id, member_ids)
        plan.append((user, Capacity.MEMBER if agency else Capacity.OFFICER, agency))
    for user in sorted(officers.values(), key=lambda u: u.full_name):
        if user.id not in chairs:
            agency = _committee_agency(agencies_of.get(user.id, []), committee.host_id, member_ids)
            plan.append((user, Capacity.OFFICER, agency))
    for user in sorted(people.values(), key=lambda u: u.full_name):
        if user.id not in chairs and user.id not in officers:
            agency = _committee_agency(agencies_of[user.id], committee.host_id, member_ids)
            plan.append((user, Capacity.MEMBER, agency))
    position = _next_position(meeting)
    created = []
    for user, capacity, agency_id in plan:
        if user.id in taken:
            continue
        invitation = Invitation.objects.create(
            meeting=meeting, person=user, agency_id=agency_id, capacity=capacity, position=position
        )
        position += 1
        _log(invitation, by, "", {"invited": ["", invitation.get_capacity_display()]})
        created.append(invitation)
    return created


@transaction.atomic
def invitation_remove(*, invitation: Invitation, by: User) -> None:
    """Take someone off the list before anything is recorded for them (chairs and clerks)."""
    invitation = _locked(invitation)
    _require_officer(by, invitation.meeting)
    if invitation.status != Status.EXPECTED:
        raise ValidationError(
            f"{invitation.name}'s attendance has been recorded; record it instead of removing them."
        )
    invitation.delete()


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
    invitation = _locked(invitation)
    _require_recorder(by, invitation)
    meeting = invitation.meeting
    _check_open(meeting)
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
    _check_times(meeting, status, arrived_at, left_at)
    before = {
        "arrived_at": invitation.arrived_at,
        "left_at": invitation.left_at,
        "note": invitation.note,
    }
    after = {
        "arrived_at": arrived_at,
        "left_at": left_at,
        "note": invitation.note if note is None else note.strip(),
    }
    details = {
        key: [_text(before[key]), _text(after[key])]
        for key in before
        if _text(before[key]) != _text(after[key])
    }
    if status == invitation.status and not details:
        return invitation
    from_status = invitation.status
    invitation.status = status
    invitation.arrived_at, invitation.left_at, invitation.note = (
        after["arrived_at"],
        after["left_at"],
        after["note"],
    )
    invitation.revision += 1
    invitation.full_clean(validate_unique=False, validate_constraints=False)
    invitation.save()
    _log(invitation, by, from_status, details)
    return invitation


@transaction.atomic
def apologies_send(*, invitation: Invitation, by: User, note: str = "") -> Invitation:
    """A person sends their own apologies ahead of the meeting (or a recorder records them)."""
    invitation = _locked(invitation)
    recorder = recorder_for(by, invitation.meeting)
    if not recorder.is_self(invitation):
        return attendance_record(invitation=invitation, by=by, status=Status.APOLOGIES, note=note)
    _check_open(invitation.meeting)
    if timezone.now() >= invitation.meeting.starts_at:
        raise ValidationError(
            "The meeting has started, so apologies can no longer be sent here; ask the clerk "
            "or your agency lead to record them."
        )
    if invitation.status == Status.APOLOGIES:
        return invitation
    if invitation.status != Status.EXPECTED:
        raise ValidationError(
            f"You are recorded as {invitation.get_status_display().lower()}; ask the clerk."
        )
    invitation.status = Status.APOLOGIES
    details = {}
    if note.strip() and note.strip() != invitation.note:
        details["note"] = [invitation.note, note.strip()]
        invitation.note = note.strip()
    invitation.revision += 1
    invitation.save()
    _log(invitation, by, Status.EXPECTED, details)
    return invitation


@transaction.atomic
def apologies_withdraw(*, invitation: Invitation, by: User) -> Invitation:
    """A person takes back apologies they sent, before the meeting starts."""
    invitation = _locked(invitation)
    if not recorder_for(by, invitation.meeting).is_self(invitation):
        raise PermissionDenied("Only the person who sent apologies can withdraw them.")
    _check_open(invitation.meeting)
    if timezone.now() >= invitation.meeting.starts_at:
        raise ValidationError("The meeting has started; ask the clerk to record your attendance.")
    if invitation.status != Status.APOLOGIES:
        raise ValidationError("You have not sent apologies for this meeting.")
    if invitation.substitutes.exists():
        raise ValidationError(
            "Someone is substituting for you; ask your agency lead or the clerk to remove "
            "the substitute first."
        )
    invitation.status = Status.EXPECTED
    invitation.revision += 1
    invitation.save()
    _log(invitation, by, Status.APOLOGIES)
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
    original = _locked(original)
    _require_recorder(by, original)
    meeting = original.meeting
    _check_open(meeting)
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
    if original.agency_id and not _agency_person(person, original.agency):
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
    _check_times(meeting, Status.SUBSTITUTE, arrived_at, left_at)
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
    _log(substitute, by, "", {"substitute_for": ["", original.name]})
    from_status = original.status
    original.status = Status.APOLOGIES
    original.revision += 1
    original.save()
    _log(original, by, from_status, {"substitute": ["", person.full_name]})
    return substitute


@transaction.atomic
def substitute_remove(*, substitute: Invitation, by: User) -> Invitation:
    """Remove a substitute recorded in error; the person they stood in for keeps their apologies.
    Returns the original invitation."""
    substitute = _locked(substitute)
    if substitute.status != Status.SUBSTITUTE:
        raise ValidationError(f"{substitute.name} is not a substitute.")
    original = _locked(substitute.substitute_for)
    _require_recorder(by, original)
    _check_open(original.meeting)
    name = substitute.name
    substitute.delete()
    original.revision += 1
    original.save(update_fields=["revision"])
    _log(original, by, original.status, {"substitute": [name, ""]})
    return original


@transaction.atomic
def quorum_rule_set(
    *,
    committee: Committee,
    by: User,
    min_members_present: int,
    required_agencies: Iterable[Agency] = (),
) -> QuorumRule:
    """Set a committee's quorum: how many members must be present and which agencies must be."""
    if not access.is_committee_officer(by, committee):
        raise PermissionDenied("Only the chair and the secretariat can set the quorum.")
    if min_members_present is None or min_members_present < 0:
        raise ValidationError({"min_members_present": "Enter a number of members, 0 or more."})
    required = list(required_agencies)
    allowed = {committee.host_id, *committee.member_agencies.values_list("id", flat=True)}
    strangers = [a.name for a in required if a.id not in allowed]
    if strangers:
        raise ValidationError(
            {"required_agencies": f"Not an agency of this committee: {', '.join(strangers)}."}
        )
    rule, _ = QuorumRule.objects.update_or_create(
        committee=committee,
        defaults={"min_members_present": min_members_present, "updated_by": by},
    )
    rule.required_agencies.set(required)
    return rule


@transaction.atomic
def declaration_add(
    *,
    meeting: Meeting,
    by: User,
    person: User,
    nature: str,
    agenda_item: AgendaItem | None = None,
) -> Declaration:
    """Record a declaration of interest, on one item or on the meeting's business; by the chair,
    the secretariat or the person declaring."""
    is_officer = access.is_committee_officer(by, meeting.committee)
    if not is_officer and by.pk != person.pk:
        raise PermissionDenied("Only the person declaring, the chair or the clerk can record it.")
    _check_open(meeting)
    nature = (nature or "").strip()
    if not nature:
        raise ValidationError({"nature": "Enter the interest being declared."})
    if len(nature) > MAX_NATURE:
        raise ValidationError({"nature": f"Keep the declaration under {MAX_NATURE} characters."})
    if not Invitation.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError(
            {"person": f"{person.full_name} is not invited to this meeting; invite them first."}
        )
    if agenda_item is not None:
        visible = access.visible_agenda_items(by).filter(pk=agenda_item.pk, meeting=meeting)
        if not visible.exists():
            raise ValidationError({"agenda_item": "Choose an item of this meeting."})
    declaration = Declaration(
        meeting=meeting, person=person, agenda_item=agenda_item, nature=nature, recorded_by=by
    )
    declaration.full_clean()
    declaration.save()
    return declaration


@transaction.atomic
def declaration_remove(*, declaration: Declaration, by: User) -> None:
    """Withdraw a declaration recorded in error (the chair, the clerk or the person)."""
    if by.pk != declaration.person_id and not access.is_committee_officer(
        by, declaration.meeting.committee
    ):
        raise PermissionDenied("Only the person who declared, the chair or the clerk can do that.")
    declaration.delete()
