"""The lifecycle follows time: a meeting still in the future is neither minuted nor held, and
earlier minutes are not approved at it; once it has begun, approving them is reachable."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services as meeting_services
from meetings.models import Meeting
from minutes import services
from minutes.models import Minutes
from tests.agenda_fixtures import after_meeting, at

from .conftest import item

pytestmark = pytest.mark.django_db

BEFORE_MEETING = at(after_meeting(-1), "09:00")
BETWEEN_MEETINGS = at(after_meeting(1), "09:00")
DURING_LATER_MEETING = at(after_meeting(12), "10:30")


def _save(world, meeting):
    return services.minute_save(
        item=item(meeting, 2),
        by=world.clerk,
        narrative="The Committee received the minutes.",
        resolutions=[],
        expected_revision=None,
    )


def test_a_future_meeting_cannot_be_minuted(world, meeting):
    with time_machine.travel(BEFORE_MEETING, tick=False):
        with pytest.raises(ValidationError, match="has not taken place yet") as refused:
            _save(world, meeting)
        assert refused.value.code == "stage"
    assert not Minutes.objects.exists()
    with time_machine.travel(BETWEEN_MEETINGS, tick=False):
        _save(world, meeting)
    assert Minutes.objects.filter(meeting=meeting).exists()


def test_minuting_a_future_meeting_through_the_page_is_a_409(world, meeting, signed_in):
    with time_machine.travel(BEFORE_MEETING, tick=True):
        client = signed_in(world.clerk)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "Start the minutes" not in page
        response = client.post(
            reverse("minutes:edit", args=[item(meeting, 2).pk]),
            {"narrative": "Too early.", "resolutions": "", "revision": 0},
        )
        assert response.status_code == 409
        assert "has not taken place yet" in response.content.decode()
    assert not Minutes.objects.exists()


def test_minutes_are_not_approved_at_a_meeting_still_ahead(world, circulated, later_meeting):
    with time_machine.travel(BETWEEN_MEETINGS, tick=False):
        with pytest.raises(ValidationError, match="has not taken place yet") as refused:
            services.minutes_approve(minutes=circulated, at_meeting=later_meeting, by=world.chair)
        assert refused.value.code == "stage"
    circulated.refresh_from_db()
    assert circulated.stage == Minutes.Stage.CIRCULATED


def test_approving_is_reachable_once_the_next_meeting_is_held(
    world, circulated, later_meeting, signed_in
):
    link = "Approve earlier minutes at this meeting"
    with time_machine.travel(BETWEEN_MEETINGS, tick=True):
        client = signed_in(world.chair)
        assert link not in client.get(later_meeting.get_absolute_url()).content.decode()
        response = client.post(
            reverse("minutes:approve", args=[later_meeting.pk]), {"minutes": circulated.pk}
        )
        assert response.status_code == 409
    # Held: begun, and marked held by the chair (its status is no longer "agenda published").
    with time_machine.travel(DURING_LATER_MEETING, tick=True):
        meeting_services.meeting_mark_held(meeting=later_meeting, expected_revision=None)
        later_meeting.refresh_from_db()
        client = signed_in(world.chair)
        assert later_meeting.status == Meeting.Status.HELD
        page = client.get(later_meeting.get_absolute_url()).content.decode()
        assert link in page
        response = client.post(
            reverse("minutes:approve", args=[later_meeting.pk]), {"minutes": circulated.pk}
        )
        assert response.status_code == 302
    circulated.refresh_from_db()
    assert circulated.stage == Minutes.Stage.APPROVED


def test_a_meeting_is_not_marked_held_before_it_begins(world, later_meeting):
    with time_machine.travel(BETWEEN_MEETINGS, tick=False):
        assert not meeting_services.can_move(later_meeting, Meeting.Status.HELD)
        with pytest.raises(ValidationError, match="has not begun") as refused:
            meeting_services.meeting_mark_held(meeting=later_meeting, expected_revision=None)
        assert refused.value.code == "stage"
    with time_machine.travel(DURING_LATER_MEETING, tick=False):
        assert meeting_services.can_move(later_meeting, Meeting.Status.HELD)
