"""Fixtures for the minutes suites: a later meeting of the same committee to approve at."""

from __future__ import annotations

import pytest
import time_machine

from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from minutes import services
from minutes.models import Minutes
from tests.agenda_fixtures import add, after_meeting, at

SECRET_MINUTE = "Ms X described the Kestrel estate and the officers who failed her."
# The suite runs the day after the later meeting: minutes are taken of meetings that have taken
# place, and approved at one that has begun (the lifecycle follows time).
SUITE_MOMENT = at(after_meeting(13), "09:00")


@pytest.fixture(autouse=True)
def after_both_meetings():
    """Every minutes test runs after the fixture meeting and the later one."""
    with time_machine.travel(SUITE_MOMENT, tick=True):
        yield


@pytest.fixture
def later_meeting(world) -> Meeting:
    """The committee's next meeting, published: 1 Apologies, 2 Minutes, 3 Any other business."""
    m = meeting_services.meeting_create(
        committee=world.committee,
        title="Follow-up session",
        starts_at=at(after_meeting(12), "10:00"),
        ends_at=at(after_meeting(12), "12:00"),
        use_template=False,
    )
    add(m, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES)
    add(m, "Minutes", kind=AgendaItem.Kind.MINUTES)
    add(m, "Any other business", kind=AgendaItem.Kind.AOB)
    Meeting.objects.filter(pk=m.pk).update(status=Meeting.Status.PUBLISHED)
    m.refresh_from_db()
    return m


def item(meeting: Meeting, number: int) -> AgendaItem:
    """The top-level item at a position (1-based)."""
    return meeting.items.filter(parent=None).order_by("position")[number - 1]


@pytest.fixture
def drafted(world, meeting, secret_item) -> Minutes:
    """Draft minutes of the fixture meeting, with a restricted minute on item 3."""
    services.minute_save(
        item=item(meeting, 2),
        by=world.clerk,
        narrative="The Committee received the minutes.",
        resolutions=["That the minutes of the last meeting be signed as a correct record."],
        expected_revision=None,
    )
    services.minute_save(
        item=secret_item,
        by=world.chair,
        narrative=SECRET_MINUTE,
        resolutions=["That the Kestrel review be referred to the Ptarmigan panel."],
        expected_revision=None,
    )
    services.minute_save(
        item=item(meeting, 4),
        by=world.chair,
        narrative="There was no other business.",
        resolutions=[],
        expected_revision=None,
    )
    return Minutes.objects.get(meeting=meeting)


@pytest.fixture
def circulated(world, drafted) -> Minutes:
    """The draft minutes, circulated for comment."""
    return services.minutes_circulate(meeting=drafted.meeting, by=world.clerk)


@pytest.fixture
def approved(world, circulated, later_meeting) -> Minutes:
    """The minutes, approved at the later meeting and locked."""
    services.minutes_approve(minutes=circulated, at_meeting=later_meeting, by=world.chair)
    circulated.refresh_from_db()
    return circulated
