"""Attendance reads: quorum, what the minutes get, statistics, and that restricted items never
leak through a guest invited for them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404

from attendance import selectors, services, statistics
from attendance.models import Invitation
from meetings.access import meeting_viewer
from meetings.models import Meeting
from tests.agenda_fixtures import MEETING_DATE, MEETING_DAY, SECRET, at, month_of
from tests.factories import person_in

Status = Invitation.Status
pytestmark = pytest.mark.django_db


def _present(by, *invitations):
    for inv in invitations:
        services.attendance_record(invitation=inv, by=by, status=Status.PRESENT)


# --- quorum ------------------------------------------------------------


def test_no_rule_is_always_quorate(world, invited, meeting):
    q = selectors.quorum_status(meeting)
    assert (q.has_rule, q.met, q.members_present) == (False, True, 0)


def test_quorum_needs_enough_members(world, invited, meeting):
    services.quorum_rule_set(committee=world.committee, by=world.chair, min_members_present=2)
    _present(world.clerk, invited.lead)
    q = selectors.quorum_status(meeting)
    assert (q.met, q.members_present, q.members_short) == (False, 1, 1)
    _present(world.clerk, invited.partner_member)
    assert selectors.quorum_status(meeting).met


def test_officers_and_guests_are_not_members(world, invited, meeting):
    services.quorum_rule_set(committee=world.committee, by=world.chair, min_members_present=1)
    _present(world.clerk, invited.clerk, invited.secret_guest)
    q = selectors.quorum_status(meeting)
    assert (q.met, q.members_present) == (False, 0)


def test_substitutes_count_as_members(world, invited, meeting):
    services.quorum_rule_set(committee=world.committee, by=world.chair, min_members_present=1)
    services.substitute_record(original=invited.member, by=world.lead, person=person_in(world.mps))
    assert selectors.quorum_status(meeting).met


def test_required_agencies_must_be_present(world, invited, meeting):
    services.quorum_rule_set(
        committee=world.committee,
        by=world.chair,
        min_members_present=1,
        required_agencies=[world.mps, world.safer_london],
    )
    _present(world.clerk, invited.lead)
    q = selectors.quorum_status(meeting)
    assert not q.met and q.missing_agencies == ("Safer London",)
    _present(world.clerk, invited.partner_member)
    q = selectors.quorum_status(meeting)
    assert q.met and q.missing_agencies == ()
    # Apologies take the agency out again.
    services.attendance_record(invitation=invited.partner_member, by=world.clerk, status="absent")
    assert not selectors.quorum_status(meeting).met


# --- minutes_attendance -------------------------------------------------------------------------


@pytest.fixture
def recorded(world, invited, meeting, secret_item):
    """Chair and lead present (lead late), member sends apologies with a substitute, partner
    absent, the clerk present, the restricted item's guest present, and declarations."""
    _present(world.clerk, invited.chair, invited.clerk, invited.secret_guest)
    services.attendance_record(
        invitation=invited.lead,
        by=world.clerk,
        status=Status.PRESENT,
        arrived_at=at(MEETING_DAY, "10:20"),
        left_at=at(MEETING_DAY, "12:30"),
    )
    stand_in = person_in(world.mps, full_name="James Cleverly")
    services.substitute_record(original=invited.member, by=world.lead, person=stand_in)
    services.attendance_record(invitation=invited.partner_member, by=world.clerk, status="absent")
    services.declaration_add(
        meeting=meeting, by=world.clerk, person=world.lead, nature="A trustee of Safer London"
    )
    services.declaration_add(
        meeting=meeting,
        by=world.clerk,
        person=world.chair,
        nature="Knows the survivor",
        agenda_item=secret_item,
    )
    return stand_in


def test_minutes_attendance_for_an_officer(world, invited, meeting, secret_item, recorded):
    result = selectors.minutes_attendance(world.clerk, meeting)
    assert [line.name for line in result.present] == [world.chair.full_name, world.lead.full_name]
    chair, lead = result.present
    assert chair.is_chair and not lead.is_chair
    assert lead.arrived_late and lead.left_early
    assert lead.arrived_at == at(MEETING_DAY, "10:20")
    assert (lead.agency_short_name, lead.capacity) == ("MPS", "member")
    [substitute] = result.substitutes
    assert (substitute.name, substitute.substitute_for) == (
        "James Cleverly",
        world.member.full_name,
    )
    [apology] = result.apologies
    assert (apology.name, apology.substituted_by) == (world.member.full_name, "James Cleverly")
    assert [line.name for line in result.absent] == [world.partner_member.full_name]
    assert [line.name for line in result.officers] == [world.clerk.full_name]
    assert list(result.guests_by_item) == [secret_item.id]
    assert [d.nature for d in result.declarations] == [
        "A trustee of Safer London",
        "Knows the survivor",
    ]
    assert result.declarations[1].item_id == secret_item.id
    assert result.quorum.members_present == 3


def test_minutes_attendance_hides_restricted_guests_and_declarations(
    world, invited, meeting, secret_item, recorded
):
    result = selectors.minutes_attendance(world.member, meeting)
    assert result.guests_by_item == {}
    assert [d.item_id for d in result.declarations] == [None]
    names = {
        line.name for group in (result.present, result.absent, result.apologies) for line in group
    }
    assert "Detective Witness" not in names


def test_minutes_attendance_for_someone_granted_the_item(world, invited, meeting, recorded):
    mopac_person = person_in(world.mopac)
    result = selectors.minutes_attendance(mopac_person, meeting)
    assert [g.name for g in next(iter(result.guests_by_item.values()))] == ["Detective Witness"]


def test_minutes_attendance_is_404_for_outsiders(world, meeting):
    with pytest.raises(Http404):
        selectors.minutes_attendance(world.outsider, meeting)


def test_minutes_attendance_anonymous_guest(world, meeting, secret_item):
    services.invitation_add(
        meeting=meeting,
        by=world.clerk,
        pseudonym="Chris",
        capacity="guest",
        agenda_item=secret_item,
    )
    inv = Invitation.objects.get(pseudonym="Chris")
    services.attendance_record(invitation=inv, by=world.clerk, status="present")
    [line] = selectors.minutes_attendance(world.clerk, meeting).guests_by_item[secret_item.id]
    assert (line.name, line.person_id, line.job_title) == ("Chris", None, "")


# --- attendance page ------------------------------------------------------------


def test_attendance_page_marks_the_lead_rows_editable(world, invited, meeting):
    page = selectors.attendance_page(meeting_viewer(world.lead, meeting))
    editable = {row.invitation.person_id for row in page.editable_rows}
    assert editable == {world.lead.id, world.member.id}
    assert page.own == invited.lead
    everyone = {row.invitation.person_id for row in page.rows}
    assert invited.secret_guest.person_id not in everyone


def test_attendance_page_for_officers_names_the_guest_item(world, invited, meeting):
    page = selectors.attendance_page(meeting_viewer(world.clerk, meeting))
    [guest] = [row for row in page.rows if row.invitation == invited.secret_guest]
    assert guest.item_label == f"3 {SECRET}" and guest.editable


def test_history_leaves_out_restricted_guests(world, invited, meeting):
    assert (
        selectors.attendance_history(world.member, meeting)
        .filter(invitation=invited.secret_guest)
        .count()
        == 0
    )
    assert (
        selectors.attendance_history(world.clerk, meeting)
        .filter(invitation=invited.secret_guest)
        .exists()
    )


# --- statistics ------------------------------------------------------------

MONTH = month_of(MEETING_DATE)


def test_statistics_per_agency_and_person(world, invited, meeting, recorded):
    stats = statistics.attendance_statistics(world.clerk, start=MONTH[0], end=MONTH[1])
    assert stats.meetings == 1
    mps = next(row for row in stats.agencies if row.name == "Metropolitan Police Service")
    # lead present, member apologies, guest present; a substitute for the member.
    assert (mps.expected, mps.present, mps.apologies, mps.absent, mps.substitute) == (3, 2, 1, 0, 1)
    assert mps.rate == 1.0 and mps.rate_percent == "100%"
    sl = next(row for row in stats.agencies if row.name == "Safer London")
    assert (sl.expected, sl.absent, sl.rate) == (1, 1, 0.0)
    member = next(row for row in stats.people if row.name == world.member.full_name)
    assert (member.expected, member.apologies, member.rate) == (1, 1, 0.0)
    cleverly = next(row for row in stats.people if row.name == "James Cleverly")
    assert (cleverly.expected, cleverly.substitute, cleverly.rate) == (0, 1, None)
    assert cleverly.rate_percent == "n/a"


def test_statistics_hide_restricted_guests(world, invited, meeting, recorded):
    stats = statistics.attendance_statistics(world.member, start=MONTH[0], end=MONTH[1])
    assert "Detective Witness" not in {row.name for row in stats.people}
    mps = next(row for row in stats.agencies if row.name == "Metropolitan Police Service")
    assert mps.expected == 2


def test_statistics_only_meetings_the_viewer_sees(world, invited, meeting, recorded):
    for who in (world.outsider,):
        stats = statistics.attendance_statistics(who, start=MONTH[0], end=MONTH[1])
        assert (stats.meetings, stats.agencies, stats.people) == (0, (), ())


def test_statistics_period_and_cancelled(world, invited, meeting, recorded):
    stats = statistics.attendance_statistics(
        world.clerk, start=MEETING_DATE + timedelta(days=1), end=MEETING_DATE + timedelta(days=33)
    )
    assert stats.meetings == 0 and stats.agencies == ()
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    stats = statistics.attendance_statistics(world.clerk, start=MEETING_DATE, end=MEETING_DATE)
    assert stats.meetings == 0


def test_not_recorded_is_left_out_of_the_rate(world, invited, meeting):
    _present(world.clerk, invited.lead)
    stats = statistics.attendance_statistics(world.clerk, start=MEETING_DATE, end=MEETING_DATE)
    mps = next(row for row in stats.agencies if row.name == "Metropolitan Police Service")
    assert (mps.expected, mps.not_recorded, mps.recorded, mps.rate) == (3, 2, 1, 1.0)
