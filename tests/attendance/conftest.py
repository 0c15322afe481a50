"""Attendance fixtures: the shared meeting with the committee invited, and a guest of the
restricted item."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from agencies.models import Membership
from attendance import services
from attendance.models import Invitation
from tests.factories import person_in


@dataclass
class Invited:
    """The invitations of the shared meeting, by persona."""

    chair: Invitation
    clerk: Invitation
    lead: Invitation
    member: Invitation
    partner_member: Invitation
    secret_guest: Invitation


@pytest.fixture
def invited(world, meeting, secret_item) -> Invited:
    """The committee invited to `meeting`, plus an MPS guest invited for the restricted item."""
    services.invitations_generate(meeting=meeting, by=world.clerk)
    witness = person_in(world.mps, Membership.Role.MEMBER, full_name="Detective Witness")
    secret_guest = services.invitation_add(
        meeting=meeting,
        by=world.clerk,
        person=witness,
        agency=world.mps,
        capacity=Invitation.Capacity.GUEST,
        agenda_item=secret_item,
    )
    by_person = {inv.person_id: inv for inv in Invitation.objects.filter(meeting=meeting)}
    return Invited(
        chair=by_person[world.chair.id],
        clerk=by_person[world.clerk.id],
        lead=by_person[world.lead.id],
        member=by_person[world.member.id],
        partner_member=by_person[world.partner_member.id],
        secret_guest=secret_guest,
    )
