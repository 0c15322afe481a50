"""Attendance services: invitations, who may record whom, substitutes, apologies ahead, history,
quorum rules and declarations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agencies.models import Membership
from attendance import services
from attendance.models import AttendanceChange, Declaration, Invitation, QuorumRule
from meetings import services as meeting_services
from meetings.models import Meeting
from tests.agenda_fixtures import MEETING_DAY, after_meeting, at
from tests.factories import UserFactory, person_in

Status = Invitation.Status
Capacity = Invitation.Capacity
pytestmark = pytest.mark.django_db


# --- invitations ------------------------------------------------------------


def test_generate_invites_chairs_officers_and_agency_people(world, meeting):
    created = services.invitations_generate(meeting=meeting, by=world.clerk)
    got = {inv.person_id: (inv.capacity, inv.agency_id) for inv in created}
    assert got == {
        world.chair.id: (Capacity.MEMBER, world.mopac.id),
        world.clerk.id: (Capacity.OFFICER, None),
        world.lead.id: (Capacity.MEMBER, world.mps.id),
        world.member.id: (Capacity.MEMBER, world.mps.id),
        world.partner_member.id: (Capacity.MEMBER, world.safer_london.id),
    }
    # Managers are escalation recipients, outsiders are not partners: neither is invited.
    assert world.manager.id not in got and world.outsider.id not in got
    assert created[0].person == world.chair  # chairs first
    assert AttendanceChange.objects.filter(invitation__meeting=meeting).count() == 5


def test_generate_twice_adds_only_the_new(world, meeting):
    services.invitations_generate(meeting=meeting, by=world.clerk)
    newcomer = person_in(world.mps, full_name="New Officer")
    again = services.invitations_generate(meeting=meeting, by=world.chair)
    assert [inv.person for inv in again] == [newcomer]
    assert Invitation.objects.filter(meeting=meeting).count() == 6


def test_only_officers_generate(world, meeting):
    with pytest.raises(PermissionDenied):
        services.invitations_generate(meeting=meeting, by=world.lead)
    assert not Invitation.objects.exists()


def test_guest_for_one_item(world, meeting, secret_item):
    guest = person_in(world.cps, full_name="Sarah Maclaren")
    inv = services.invitation_add(
        meeting=meeting,
        by=world.clerk,
        person=guest,
        agency=world.cps,
        capacity=Capacity.GUEST,
        agenda_item=secret_item,
    )
    assert inv.agenda_item == secret_item and inv.status == Status.EXPECTED
    assert inv.changes.get().changed_by == world.clerk


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"capacity": Capacity.MEMBER}, "agency"),
        ({"capacity": Capacity.MEMBER, "agency": "safer_london"}, "agency"),
        ({"capacity": Capacity.MEMBER, "agency": "mps", "agenda_item": "secret"}, "agenda_item"),
        ({"capacity": "chief"}, "capacity"),
    ],
)
def test_bad_invitations_are_refused_and_nothing_saved(world, meeting, secret_item, fields, field):
    values = dict(fields)
    if "agency" in values:
        values["agency"] = getattr(world, values["agency"])
    if "agenda_item" in values:
        values["agenda_item"] = secret_item
    with pytest.raises(ValidationError) as error:
        services.invitation_add(meeting=meeting, by=world.clerk, person=world.lead, **values)
    assert field in error.value.message_dict
    assert not Invitation.objects.exists()


def test_item_of_another_meeting_is_refused(world, meeting):
    other = meeting_services.meeting_create(
        committee=world.committee,
        title="Another",
        starts_at=at(after_meeting(3), "10:00"),
        ends_at=at(after_meeting(3), "11:00"),
        use_template=False,
    )
    item = meeting_services.item_create(meeting=other, expected_revision=None, title="Elsewhere")
    with pytest.raises(ValidationError, match="another meeting"):
        services.invitation_add(
            meeting=meeting,
            by=world.clerk,
            person=world.outsider,
            capacity=Capacity.GUEST,
            agenda_item=item,
        )


def test_a_person_is_invited_once(world, meeting):
    services.invitation_add(
        meeting=meeting, by=world.clerk, person=world.lead, agency=world.mps, capacity="member"
    )
    with pytest.raises(ValidationError, match="already invited"):
        services.invitation_add(
            meeting=meeting, by=world.clerk, person=world.lead, capacity=Capacity.OBSERVER
        )


def test_anonymous_guest_by_pseudonym_only(world, meeting, secret_item):
    inv = services.invitation_add(
        meeting=meeting,
        by=world.chair,
        pseudonym="Chris",
        capacity=Capacity.GUEST,
        agenda_item=secret_item,
    )
    assert inv.person is None and inv.name == "Chris"
    with pytest.raises(ValidationError, match="pseudonym"):
        services.invitation_add(
            meeting=meeting, by=world.chair, pseudonym="Sam", capacity=Capacity.OBSERVER
        )
    with pytest.raises(ValidationError):
        services.invitation_add(
            meeting=meeting,
            by=world.chair,
            person=world.outsider,
            pseudonym="Both",
            capacity=Capacity.GUEST,
        )


def test_leads_cannot_invite(world, meeting):
    with pytest.raises(PermissionDenied):
        services.invitation_add(
            meeting=meeting, by=world.lead, person=world.member, agency=world.mps, capacity="member"
        )


def test_remove_only_before_anything_is_recorded(world, invited):
    services.attendance_record(invitation=invited.member, by=world.lead, status=Status.PRESENT)
    with pytest.raises(ValidationError, match="recorded"):
        services.invitation_remove(invitation=invited.member, by=world.clerk)
    with pytest.raises(PermissionDenied):
        services.invitation_remove(invitation=invited.partner_member, by=world.lead)
    services.invitation_remove(invitation=invited.partner_member, by=world.clerk)
    assert not Invitation.objects.filter(pk=invited.partner_member.pk).exists()


# --- recording: who may record whom ----------------------------------------------------------


def test_lead_records_own_agency(world, invited):
    inv = services.attendance_record(
        invitation=invited.member, by=world.lead, status=Status.PRESENT
    )
    assert inv.status == Status.PRESENT


@pytest.mark.parametrize("target", ["partner_member", "chair", "clerk"])
def test_lead_cannot_record_another_agency(world, invited, target):
    invitation = getattr(invited, target)
    with pytest.raises(PermissionDenied, match="your own agency"):
        services.attendance_record(invitation=invitation, by=world.lead, status=Status.ABSENT)
    invitation.refresh_from_db()
    assert invitation.status == Status.EXPECTED
    assert not invitation.changes.exclude(from_status="").exists()


def test_lead_cannot_record_guest_of_an_item_they_may_not_see(world, invited):
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            invitation=invited.secret_guest, by=world.lead, status=Status.PRESENT
        )


@pytest.mark.parametrize("who", ["member", "manager", "partner_member", "outsider"])
def test_non_leads_record_nobody_else(world, invited, who):
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            invitation=invited.lead, by=getattr(world, who), status=Status.PRESENT
        )


@pytest.mark.parametrize("who", ["chair", "clerk"])
def test_officers_record_anyone(world, invited, who):
    for inv in (invited.partner_member, invited.secret_guest, invited.lead):
        services.attendance_record(invitation=inv, by=getattr(world, who), status=Status.ABSENT)
        inv.refresh_from_db()
        assert inv.status == Status.ABSENT


def test_every_change_is_in_the_history(world, invited):
    late = at(MEETING_DAY, "10:25")
    services.attendance_record(invitation=invited.member, by=world.lead, status=Status.PRESENT)
    services.attendance_record(
        invitation=invited.member, by=world.clerk, status=Status.PRESENT, arrived_at=late
    )
    changes = list(invited.member.changes.order_by("id"))
    assert [(c.from_status, c.to_status, c.changed_by) for c in changes] == [
        ("", Status.EXPECTED, world.clerk),
        (Status.EXPECTED, Status.PRESENT, world.lead),
        (Status.PRESENT, Status.PRESENT, world.clerk),
    ]
    assert changes[-1].details == {"arrived_at": ["", f"{MEETING_DAY} 10:25"]}
    assert all(c.changed_at for c in changes)


def test_recording_the_same_again_changes_nothing(world, invited):
    services.attendance_record(invitation=invited.member, by=world.lead, status=Status.ABSENT)
    services.attendance_record(invitation=invited.member, by=world.lead, status=Status.ABSENT)
    assert invited.member.changes.count() == 2


def test_stale_revision_is_refused(world, invited):
    revision = invited.member.revision
    services.attendance_record(invitation=invited.member, by=world.clerk, status=Status.ABSENT)
    with pytest.raises(services.StaleAttendance):
        services.attendance_record(
            invitation=invited.member,
            by=world.lead,
            status=Status.PRESENT,
            expected_revision=revision,
        )
    invited.member.refresh_from_db()
    assert invited.member.status == Status.ABSENT


@pytest.mark.parametrize(
    ("status", "arrived", "left", "field"),
    [
        (Status.APOLOGIES, "10:30", None, "arrived_at"),
        (Status.ABSENT, None, "11:00", "left_at"),
        (Status.PRESENT, "09:30", None, "arrived_at"),
        (Status.PRESENT, "11:00", "10:30", "left_at"),
        (Status.PRESENT, None, "09:00", "left_at"),
    ],
)
def test_bad_times_are_refused(world, invited, status, arrived, left, field):
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            invitation=invited.member,
            by=world.lead,
            status=status,
            arrived_at=at(MEETING_DAY, arrived) if arrived else None,
            left_at=at(MEETING_DAY, left) if left else None,
        )
    assert field in error.value.message_dict
    invited.member.refresh_from_db()
    assert invited.member.status == Status.EXPECTED


def test_late_and_early_are_kept(world, invited):
    inv = services.attendance_record(
        invitation=invited.member,
        by=world.lead,
        status=Status.PRESENT,
        arrived_at=at(MEETING_DAY, "10:20"),
        left_at=at(MEETING_DAY, "12:00"),
    )
    inv.refresh_from_db()
    assert inv.arrived_at == at(MEETING_DAY, "10:20") and inv.left_at == at(MEETING_DAY, "12:00")


def test_unknown_status_and_substitute_status_are_refused(world, invited):
    with pytest.raises(ValidationError):
        services.attendance_record(invitation=invited.member, by=world.lead, status="asleep")
    with pytest.raises(ValidationError, match="substitute"):
        services.attendance_record(
            invitation=invited.member, by=world.lead, status=Status.SUBSTITUTE
        )


def test_cancelled_meeting_is_closed(world, invited, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    with pytest.raises(ValidationError, match="cancelled"):
        services.attendance_record(invitation=invited.member, by=world.clerk, status="present")


# --- substitutes ------------------------------------------------------------


def test_substitute_for_someone_expected(world, invited):
    stand_in = person_in(world.mps, full_name="James Cleverly")
    sub = services.substitute_record(original=invited.member, by=world.lead, person=stand_in)
    invited.member.refresh_from_db()
    assert sub.status == Status.SUBSTITUTE and sub.substitute_for == invited.member
    assert (sub.capacity, sub.agency) == (Capacity.MEMBER, world.mps)
    assert invited.member.status == Status.APOLOGIES
    last = invited.member.changes.first()
    assert (last.from_status, last.to_status, last.changed_by) == (
        Status.EXPECTED,
        Status.APOLOGIES,
        world.lead,
    )
    assert last.details == {"substitute": ["", "James Cleverly"]}


def test_substitute_for_someone_who_sent_apologies(world, invited):
    services.attendance_record(invitation=invited.member, by=world.lead, status=Status.APOLOGIES)
    stand_in = person_in(world.mps)
    services.substitute_record(original=invited.member, by=world.clerk, person=stand_in)
    assert invited.member.substitutes.get().person == stand_in


@pytest.mark.parametrize("status", [Status.PRESENT, Status.ABSENT])
def test_substitute_for_someone_not_expected_is_refused(world, invited, status):
    services.attendance_record(invitation=invited.member, by=world.lead, status=status)
    stand_in = person_in(world.mps)
    with pytest.raises(ValidationError, match="stands in for someone expected"):
        services.substitute_record(original=invited.member, by=world.lead, person=stand_in)
    assert not Invitation.objects.filter(person=stand_in).exists()


def test_substitute_rules(world, invited):
    stand_in = person_in(world.mps, full_name="First Stand-in")
    sub = services.substitute_record(original=invited.member, by=world.lead, person=stand_in)
    with pytest.raises(ValidationError, match="already substitutes"):
        services.substitute_record(
            original=invited.member, by=world.lead, person=person_in(world.mps)
        )
    with pytest.raises(ValidationError, match="nobody can substitute"):
        services.substitute_record(original=sub, by=world.lead, person=person_in(world.mps))
    with pytest.raises(ValidationError, match="themselves"):
        services.substitute_record(original=invited.lead, by=world.lead, person=world.lead)
    with pytest.raises(ValidationError, match="has someone substituting for them"):
        services.substitute_record(original=invited.lead, by=world.lead, person=world.member)
    with pytest.raises(ValidationError, match="Metropolitan Police Service's people"):
        services.substitute_record(
            original=invited.lead, by=world.clerk, person=person_in(world.cps)
        )
    # The person substituted for cannot be recorded present while the substitute stands.
    with pytest.raises(ValidationError, match="remove the"):
        services.attendance_record(invitation=invited.member, by=world.lead, status="present")
    with pytest.raises(ValidationError, match="is a substitute"):
        services.attendance_record(invitation=sub, by=world.lead, status="present")


def test_lead_cannot_substitute_for_another_agency(world, invited):
    with pytest.raises(PermissionDenied):
        services.substitute_record(
            original=invited.partner_member, by=world.lead, person=person_in(world.safer_london)
        )


def test_substitute_times_and_removal(world, invited):
    stand_in = person_in(world.mps)
    sub = services.substitute_record(
        original=invited.member,
        by=world.lead,
        person=stand_in,
        arrived_at=at(MEETING_DAY, "10:40"),
    )
    assert sub.arrived_at == at(MEETING_DAY, "10:40")
    services.attendance_record(
        invitation=sub, by=world.lead, status=Status.SUBSTITUTE, left_at=at(MEETING_DAY, "12:00")
    )
    original = services.substitute_remove(substitute=sub, by=world.lead)
    assert original.status == Status.APOLOGIES
    assert original.changes.first().details == {"substitute": [stand_in.full_name, ""]}
    assert not Invitation.objects.filter(person=stand_in).exists()


def test_invited_colleague_becomes_the_substitute_line(world, invited):
    """'Invite the committee' invited the colleague: their own line becomes the substitute."""
    own = invited.member
    own_position, own_capacity = own.position, own.capacity
    sub = services.substitute_record(original=invited.lead, by=world.lead, person=world.member)
    assert sub.pk == own.pk
    assert (sub.status, sub.substitute_for, sub.agency) == (
        Status.SUBSTITUTE,
        invited.lead,
        world.mps,
    )
    assert Invitation.objects.filter(meeting=own.meeting, person=world.member).count() == 1
    invited.lead.refresh_from_db()
    assert invited.lead.status == Status.APOLOGIES
    assert sub.changes.first().from_status == Status.EXPECTED
    # Removing the substitute gives the colleague their own invitation back, not a deletion.
    services.substitute_remove(substitute=sub, by=world.lead)
    own.refresh_from_db()
    assert (own.status, own.substitute_for, own.capacity, own.position) == (
        Status.EXPECTED,
        None,
        own_capacity,
        own_position,
    )


@pytest.mark.parametrize("status", [Status.APOLOGIES, Status.ABSENT])
def test_colleague_with_apologies_or_absent_cannot_substitute(world, invited, status):
    services.attendance_record(invitation=invited.member, by=world.lead, status=status)
    with pytest.raises(ValidationError, match=f"recorded as {status}"):
        services.substitute_record(original=invited.lead, by=world.lead, person=world.member)
    invited.member.refresh_from_db()
    assert invited.member.status == status and invited.member.substitute_for is None


def test_colleague_invited_for_another_agency_cannot_be_turned(world, invited):
    """A lead cannot take over a line they may not record (the colleague attends for another
    agency they also belong to)."""
    Membership.objects.create(user=world.partner_member, agency=world.mps)
    with pytest.raises(ValidationError, match="another agency"):
        services.substitute_record(
            original=invited.lead, by=world.lead, person=world.partner_member
        )
    invited.partner_member.refresh_from_db()
    assert invited.partner_member.status == Status.EXPECTED


# --- apologies ahead ------------------------------------------------------------


def test_person_sends_own_apologies_ahead(world, invited):
    inv = services.apologies_send(
        invitation=invited.partner_member, by=world.partner_member, note="On leave"
    )
    assert (inv.status, inv.note) == (Status.APOLOGIES, "On leave")
    change = inv.changes.first()
    assert (change.changed_by, change.from_status, change.to_status) == (
        world.partner_member,
        Status.EXPECTED,
        Status.APOLOGIES,
    )
    services.apologies_withdraw(invitation=inv, by=world.partner_member)
    inv.refresh_from_db()
    assert inv.status == Status.EXPECTED


def test_apologies_cannot_be_sent_for_someone_else(world, invited):
    with pytest.raises(PermissionDenied):
        services.apologies_send(invitation=invited.lead, by=world.partner_member)
    with pytest.raises(PermissionDenied):
        services.apologies_withdraw(invitation=invited.lead, by=world.partner_member)


def test_apologies_ahead_only_before_the_start(world, invited, meeting):
    started = timezone.now() - timedelta(minutes=5)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=started, ends_at=started + timedelta(hours=2)
    )
    with pytest.raises(ValidationError, match="has started"):
        services.apologies_send(invitation=invited.partner_member, by=world.partner_member)
    invited.partner_member.refresh_from_db()
    assert invited.partner_member.status == Status.EXPECTED


def test_apologies_ahead_not_after_being_recorded(world, invited):
    services.attendance_record(invitation=invited.member, by=world.lead, status=Status.ABSENT)
    with pytest.raises(ValidationError, match="recorded as absent"):
        services.apologies_send(invitation=invited.member, by=world.member)


# --- quorum rule ------------------------------------------------------------


def test_quorum_rule_set_by_officers_only(world):
    rule = services.quorum_rule_set(
        committee=world.committee,
        by=world.chair,
        min_members_present=3,
        required_agencies=[world.mps],
    )
    assert list(rule.required_agencies.all()) == [world.mps]
    services.quorum_rule_set(committee=world.committee, by=world.clerk, min_members_present=2)
    rule.refresh_from_db()
    assert rule.min_members_present == 2 and not rule.required_agencies.exists()
    with pytest.raises(PermissionDenied):
        services.quorum_rule_set(committee=world.committee, by=world.lead, min_members_present=1)


def test_quorum_rule_bad_input(world):
    with pytest.raises(ValidationError, match="Crown Prosecution"):
        services.quorum_rule_set(
            committee=world.committee,
            by=world.chair,
            min_members_present=1,
            required_agencies=[world.cps],
        )
    with pytest.raises(ValidationError):
        services.quorum_rule_set(committee=world.committee, by=world.chair, min_members_present=-1)
    assert not QuorumRule.objects.exists()


# --- declarations ------------------------------------------------------------


def test_person_declares_own_interest(world, invited, meeting):
    item = meeting.items.get(title="Any other business")
    d = services.declaration_add(
        meeting=meeting, by=world.member, person=world.member, nature="Trustee", agenda_item=item
    )
    assert (d.recorded_by, d.agenda_item) == (world.member, item)


def test_officer_records_anyones_declaration_but_others_cannot(world, invited, meeting):
    services.declaration_add(meeting=meeting, by=world.clerk, person=world.lead, nature="Gift")
    with pytest.raises(PermissionDenied):
        services.declaration_add(meeting=meeting, by=world.lead, person=world.member, nature="x")


def test_declaration_bad_input(world, invited, meeting, secret_item):
    with pytest.raises(ValidationError, match="Enter the interest"):
        services.declaration_add(meeting=meeting, by=world.member, person=world.member, nature=" ")
    with pytest.raises(ValidationError, match="not invited"):
        services.declaration_add(
            meeting=meeting, by=world.clerk, person=world.outsider, nature="Gift"
        )
    # The member cannot see the restricted item, so cannot declare on it.
    with pytest.raises(ValidationError, match="Choose an item"):
        services.declaration_add(
            meeting=meeting,
            by=world.member,
            person=world.member,
            nature="Knows the witness",
            agenda_item=secret_item,
        )
    assert not Declaration.objects.exists()


def test_declaration_remove(world, invited, meeting):
    d = services.declaration_add(meeting=meeting, by=world.clerk, person=world.lead, nature="Gift")
    with pytest.raises(PermissionDenied):
        services.declaration_remove(declaration=d, by=world.member)
    services.declaration_remove(declaration=d, by=world.lead)
    assert not Declaration.objects.exists()


def test_invitation_person_protected(world, invited):
    """A person with attendance history cannot be deleted from under it."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        world.member.delete()


def test_inactive_people_are_not_invited(world, meeting):
    gone = UserFactory(is_active=False)
    Membership.objects.create(user=gone, agency=world.mps, role=Membership.Role.MEMBER)
    created = services.invitations_generate(meeting=meeting, by=world.clerk)
    assert gone.id not in {inv.person_id for inv in created}
