"""Who belongs to a committee is written once (meetings.selectors.committee_people); notices and
invitations name their difference: managers get agenda notices but are not invited to attend."""

from __future__ import annotations

import pytest

from agencies.models import User
from attendance import services as attendance
from meetings.notices import committee_invitees
from meetings.selectors import committee_people

pytestmark = pytest.mark.django_db


def test_the_committee_is_its_officers_and_its_agencies_people(world):
    people = set(committee_people(world.committee))
    expected = {world.chair, world.clerk, world.lead, world.member, world.manager}
    assert expected | {world.partner_member} <= people
    assert world.outsider not in people


def test_notices_go_to_all_who_can_sign_in_and_invitations_leave_managers_out(world, meeting):
    guest = User.objects.create_user("witness@met.example", full_name="A witness")
    guest.memberships.create(agency=world.mps)
    noticed = set(committee_invitees(world.committee))
    assert world.manager in noticed and guest not in noticed
    created = attendance.invitations_generate(meeting=meeting, by=world.clerk)
    invited = {invitation.person for invitation in created}
    assert world.lead in invited and world.member in invited and guest in invited
    assert world.manager not in invited
