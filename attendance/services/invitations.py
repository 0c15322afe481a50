"""Who is invited: one person or guest at a time, the whole committee at once, and taking
someone off the list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet

from agencies.models import Agency, Membership, User
from agencies.services import person_add
from meetings.models import AgendaItem, Meeting
from meetings.selectors import committee_people
from meetings.services import agenda_notices_queue

from ..models import Invitation
from .common import (
    Capacity,
    Status,
    check_open,
    is_agency_person,
    locked,
    log_change,
    require_officer,
)


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
    send_agenda: bool = True,
) -> Invitation:
    """Invite one person (or an anonymous guest by pseudonym) to a meeting; chairs and clerks.
    When the agenda is already published, the person is sent it after commit."""
    # Invitations to one meeting are added one at a time: the meeting's row is locked until this
    # commits, so two identical invitations at the same moment meet "already invited" below, not
    # the unique index (and positions are never drawn twice).
    Meeting.objects.select_for_update().only("pk").get(pk=meeting.pk)
    require_officer(by, meeting)
    check_open(meeting)
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
    if person is not None and agency is not None and not is_agency_person(person, agency):
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
    log_change(invitation, by, "", {"invited": ["", invitation.get_capacity_display()]})
    if send_agenda and person is not None:
        agenda_notices_queue(meeting=meeting, people=[person])
    return invitation


@transaction.atomic
def invitation_add_new_person(
    *,
    meeting: Meeting,
    by: User,
    full_name: str,
    email: str,
    capacity: str,
    agency: Agency | None = None,
    agenda_item: AgendaItem | None = None,
    note: str = "",
) -> Invitation:
    """Add someone who has no account yet (a guest, or a new colleague of one of the
    committee's agencies) and invite them; they are emailed a link to choose their password.
    Chairs and clerks; nothing is kept if the invitation is refused."""
    # One at a time per meeting (as invitation_add): the same new person added twice at once
    # meets "already invited", not the unique email index.
    Meeting.objects.select_for_update().only("pk").get(pk=meeting.pk)
    require_officer(by, meeting)
    check_open(meeting)
    committee = meeting.committee
    outside = (
        agency is not None
        and agency.pk != committee.host_id
        and not committee.member_agencies.filter(pk=agency.pk).exists()
    )
    if outside:
        raise ValidationError(
            {
                "agency": f"A new colleague can be added only to one of the agencies of "
                f"{committee.name}; ask an administrator to add them to {agency}, or invite "
                "them as a guest of no agency."
            }
        )
    person = person_add(full_name=full_name, email=email, agency=agency, added_by=by)
    return invitation_add(
        meeting=meeting,
        by=by,
        capacity=capacity,
        person=person,
        agency=agency,
        agenda_item=agenda_item,
        note=note,
    )


def _committee_agency(
    person_agencies: list[int], host_id: int, member_ids: list[int]
) -> int | None:
    if host_id in person_agencies:
        return host_id
    return next((a for a in member_ids if a in person_agencies), None)


# Managers are not invited to attend: they receive escalations (see committee_people).
ATTENDING_ROLES = (Membership.Role.LEAD, Membership.Role.MEMBER)


@transaction.atomic
def invitations_generate(
    *, meeting: Meeting, by: User, send_agenda: bool = True
) -> list[Invitation]:
    """Invite the committee: its chairs, its secretariat (as officers) and the leads and members
    of its host and member agencies (as members). People already invited are left as they are;
    managers, who receive escalations rather than attend, are not invited. When the agenda is
    already published, the newly invited are sent it after commit."""
    require_officer(by, meeting)
    check_open(meeting)
    committee = meeting.committee
    member_ids = list(committee.member_agencies.order_by("name").values_list("id", flat=True))
    agency_ids = [committee.host_id, *member_ids]
    agencies_of: dict[int, list[int]] = {}
    for user_id, membership_agency_id in Membership.objects.filter(
        agency_id__in=agency_ids, role__in=ATTENDING_ROLES, user__is_active=True
    ).values_list("user_id", "agency_id"):
        agencies_of.setdefault(user_id, []).append(membership_agency_id)
    chairs = {u.id: u for u in [*meeting.chairs.all(), *committee.chairs.all()]}
    officers = {u.id: u for u in committee.secretariat.filter(is_active=True)}
    people = {
        u.id: u
        for u in committee_people(committee, agency_roles=ATTENDING_ROLES)
        if u.id in agencies_of
    }
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
        log_change(invitation, by, "", {"invited": ["", invitation.get_capacity_display()]})
        created.append(invitation)
    if send_agenda and created:
        agenda_notices_queue(meeting=meeting, people=[i.person for i in created if i.person])
    return created


def invited_people(meeting: Meeting) -> QuerySet[User]:
    """The people (with an account) invited to a meeting: the agenda's audience (registered in
    meetings.audience by AttendanceConfig)."""
    return User.objects.filter(
        pk__in=Invitation.objects.filter(meeting=meeting, person__isnull=False).values("person")
    )


def committee_invite(*, meeting: Meeting, by: User) -> int:
    """Invite the committee as publishing does, before the agenda goes to them (registered in
    meetings.audience); the agenda is sent by the publishing, not here."""
    return len(invitations_generate(meeting=meeting, by=by, send_agenda=False))


@transaction.atomic
def invitation_remove(*, invitation: Invitation, by: User) -> None:
    """Take someone off the list before anything is recorded for them (chairs and clerks)."""
    invitation = locked(invitation)
    require_officer(by, invitation.meeting)
    if invitation.status != Status.EXPECTED:
        raise ValidationError(
            f"{invitation.name}'s attendance has been recorded; record it instead of removing them."
        )
    invitation.delete()
