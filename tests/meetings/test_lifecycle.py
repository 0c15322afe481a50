"""The meeting lifecycle: one table of moves, held meetings, and publishing refused when
cancelled, in the service and on the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import AgendaVersion, Meeting
from meetings.tasks import mark_meetings_held
from tests.agenda_fixtures import MEETING_DAY, at

Status = Meeting.Status
pytestmark = pytest.mark.django_db


def _set(meeting: Meeting, status: str, **fields) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(status=status, **fields)
    meeting.refresh_from_db()
    return meeting


def test_every_status_has_its_moves_and_nothing_leaves_the_end_states():
    assert set(services.MOVES) == set(Status.values)
    assert services.MOVES[Status.MINUTES_APPROVED] == frozenset()
    assert services.MOVES[Status.CANCELLED] == frozenset()
    assert Status.HELD in services.MOVES[Status.PUBLISHED]
    assert Status.CANCELLED not in services.MOVES[Status.HELD]


def test_publishing_a_cancelled_meeting_is_refused_by_the_service(world, meeting):
    _set(meeting, Status.CANCELLED)
    with pytest.raises(ValidationError, match="cancelled meeting's agenda cannot be published"):
        services.agenda_publish(meeting=meeting, by=world.chair)
    assert not AgendaVersion.objects.filter(meeting=meeting).exists()
    meeting.refresh_from_db()
    assert meeting.status == Status.CANCELLED


def test_publishing_a_draft_makes_it_published_and_a_held_one_stays_held(world, meeting):
    _set(meeting, Status.DRAFT)
    services.agenda_publish(meeting=meeting, by=world.chair)
    meeting.refresh_from_db()
    assert meeting.status == Status.PUBLISHED
    _set(meeting, Status.HELD)
    assert services.agenda_publish(meeting=meeting, by=world.chair).number == 2
    meeting.refresh_from_db()
    assert meeting.status == Status.HELD


def test_past_published_meetings_become_held_once(world, meeting):
    now = timezone.now()
    past = _set(meeting, Status.PUBLISHED, starts_at=now - timedelta(hours=3), ends_at=now)
    draft = services.meeting_create(
        committee=world.committee,
        title="Never published",
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=2) + timedelta(hours=1),
        use_template=False,
    )
    future = services.meeting_create(
        committee=world.committee,
        title="Next month",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=2),
        use_template=False,
    )
    _set(future, Status.PUBLISHED)
    assert mark_meetings_held() == 1
    assert mark_meetings_held() == 0
    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert statuses[past.pk] == Status.HELD
    assert statuses[draft.pk] == Status.DRAFT
    assert statuses[future.pk] == Status.PUBLISHED


def test_the_beat_marks_meetings_held():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "meetings.tasks.mark_meetings_held" in tasks


def test_a_held_meeting_cannot_be_cancelled_and_minutes_follow_it(world, meeting):
    _set(meeting, Status.HELD)
    with pytest.raises(ValidationError, match="held cannot be cancelled"):
        services.meeting_cancel(meeting=meeting, expected_revision=None)
    services.meeting_minutes_progress(meeting=meeting, approved=False)
    assert meeting.status == Status.MINUTES_DRAFTED
    services.meeting_minutes_progress(meeting=meeting, approved=True)
    services.meeting_minutes_progress(meeting=meeting, approved=False)
    meeting.refresh_from_db()
    assert meeting.status == Status.MINUTES_APPROVED


def test_minutes_never_move_a_draft_or_cancelled_meeting(meeting):
    for status in (Status.DRAFT, Status.CANCELLED):
        _set(meeting, status)
        services.meeting_minutes_progress(meeting=meeting, approved=True)
        meeting.refresh_from_db()
        assert meeting.status == status


def test_the_chair_marks_a_meeting_held_and_partners_cannot(world, meeting, signed_in):
    # During the meeting: a meeting is held once it has begun.
    with time_machine.travel(at(MEETING_DAY, "10:30"), tick=True):
        url = reverse("meetings:mark_held", args=[meeting.pk])
        editor = signed_in(world.chair).get(reverse("meetings:editor", args=[meeting.pk]))
        assert "Mark as held" in editor.content.decode()
        assert (
            signed_in(world.lead).post(url, {"revision": meeting.agenda_revision}).status_code
            == 403
        )
        response = signed_in(world.chair).post(url, {"revision": meeting.agenda_revision})
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.status == Status.HELD
        editor = signed_in(world.chair).get(reverse("meetings:editor", args=[meeting.pk]))
        html = editor.content.decode()
        assert "Mark as held" not in html and "Cancel this meeting" not in html
        again = signed_in(world.chair).post(url, {"revision": meeting.agenda_revision})
        # The wrong stage is a conflict (code "stage"), as in the minutes: core.forms.error_status.
        assert again.status_code == 409
        assert "cannot be marked as held" in again.content.decode()


def test_the_publish_page_refuses_a_cancelled_meeting(world, meeting, signed_in):
    _set(meeting, Status.CANCELLED)
    client = signed_in(world.chair)
    response = client.post(reverse("meetings:publish", args=[meeting.pk]), follow=True)
    assert "cancelled meeting&#x27;s agenda cannot be published" in response.content.decode()
    assert not AgendaVersion.objects.filter(meeting=meeting).exists()
