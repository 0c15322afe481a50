"""The attendance page, statistics, CSV and minutes selector take the same number of queries for
5 people as for 50."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Membership
from attendance import selectors, services
from attendance.models import Invitation
from tests.agenda_fixtures import MEETING_DATE, month_of
from tests.factories import person_in

pytestmark = pytest.mark.django_db
FIRST, LAST = month_of(MEETING_DATE)
PERIOD = {"start": FIRST.isoformat(), "end": LAST.isoformat()}


def _grow(world, meeting, secret_item, count: int) -> None:
    """Invite `count` more people of varied agencies, statuses, substitutes and item guests."""
    agencies = [world.mps, world.safer_london, world.mopac]
    invitations = []
    for n in range(count):
        agency = agencies[n % 3]
        person = person_in(agency, Membership.Role.MEMBER, full_name=f"Person {n:03}")
        item = secret_item if n % 5 == 0 else None
        invitations.append(
            services.invitation_add(
                meeting=meeting,
                by=world.clerk,
                person=person,
                agency=agency,
                capacity="guest" if item else "member",
                agenda_item=item,
            )
        )
    for n, inv in enumerate(invitations):
        if n % 4 == 1:
            services.attendance_record(invitation=inv, by=world.clerk, status="present")
        elif n % 4 == 2:
            services.attendance_record(invitation=inv, by=world.clerk, status="apologies")
        elif n % 4 == 3 and inv.agency:
            stand_in = person_in(inv.agency, full_name=f"Stand-in {n:03}")
            services.substitute_record(original=inv, by=world.clerk, person=stand_in)
    for n, inv in enumerate(invitations[:count:7]):
        services.declaration_add(
            meeting=meeting, by=world.clerk, person=inv.person, nature=f"Interest {n}"
        )


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _budget(world, meeting, secret_item, measure) -> tuple[int, int]:
    services.invitations_generate(meeting=meeting, by=world.clerk)
    _grow(world, meeting, secret_item, 5)
    measure()  # warm caches (content types, the session) that a first request fills
    small = _count(measure)
    _grow(world, meeting, secret_item, 45)
    assert Invitation.objects.filter(meeting=meeting).count() > 50
    return small, _count(measure)


@pytest.mark.parametrize("who", ["clerk", "lead", "member"])
def test_attendance_page_budget(world, meeting, secret_item, signed_in, who):
    client = signed_in(getattr(world, who))
    target = reverse("attendance:meeting", args=[meeting.pk])

    def measure():
        assert client.get(target).status_code == 200

    small, large = _budget(world, meeting, secret_item, measure)
    assert small == large


@pytest.mark.parametrize("name", ["attendance:statistics", "attendance:statistics_csv"])
def test_statistics_budget(world, meeting, secret_item, signed_in, name):
    client = signed_in(world.clerk)

    def measure():
        assert client.get(reverse(name), PERIOD).status_code == 200

    small, large = _budget(world, meeting, secret_item, measure)
    assert small == large


@pytest.mark.parametrize("name", ["attendance:history", "attendance:declarations"])
def test_history_and_declarations_budget(world, meeting, secret_item, signed_in, name):
    client = signed_in(world.clerk)

    def measure():
        assert client.get(reverse(name, args=[meeting.pk])).status_code == 200

    small, large = _budget(world, meeting, secret_item, measure)
    assert small == large


def test_minutes_selector_and_meeting_page_budget(world, meeting, secret_item, signed_in):
    client = signed_in(world.member)

    def measure():
        selectors.minutes_attendance(world.member, meeting)
        assert client.get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 200

    small, large = _budget(world, meeting, secret_item, measure)
    assert small == large
