"""The statutory clock (#17): a public committee's agenda is published at least five clear
days before the meeting (not the day of publication, not the meeting day, no weekends, no bank
holidays in England and Wales); the editor shows the deadline and warns as it nears; a late
first publication needs a reason of urgency, shown on the public page."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from meetings import services
from meetings.clock import clear_days, clock_for, publication_deadline
from meetings.models import AgendaItem
from tests.agenda_fixtures import add, at

pytestmark = pytest.mark.django_db

# The clerk's day in the tests below: Monday 1 March 2027, 09:00 in London.
TODAY = "2027-03-01"


@pytest.mark.parametrize(
    ("meeting_on", "deadline"),
    [
        # Across a weekend: Thursday's meeting, Wednesday of the week before.
        ("2026-12-10", "2026-12-02"),
        # Across the spring bank holiday (Monday 31 May 2027).
        ("2027-06-03", "2027-05-25"),
        # Across Christmas, Boxing Day observed on Monday 28 December and New Year's Day.
        ("2027-01-04", "2026-12-22"),
    ],
)
def test_the_publication_deadline_counts_clear_working_days(meeting_on, deadline):
    meeting_day, last = date.fromisoformat(meeting_on), date.fromisoformat(deadline)
    assert publication_deadline(meeting_day) == last
    assert clear_days(last, meeting_day) == 5
    assert clear_days(date.fromordinal(last.toordinal() + 1), meeting_day) < 5


def test_clear_days_leave_out_both_ends_weekends_and_bank_holidays():
    # Friday 24 to Monday 4 January: 29, 30, 31 December only (28th and 1st are holidays).
    assert clear_days(date(2027, 12, 24), date(2028, 1, 4)) == 3
    assert clear_days(date(2026, 12, 7), date(2026, 12, 8)) == 0


def _public_meeting(world, day: str):
    world.committee.is_public = True
    world.committee.save()
    meeting = services.meeting_create(
        committee=world.committee,
        title="Police and Crime Committee",
        starts_at=at(day, "10:00"),
        ends_at=at(day, "12:00"),
        use_template=False,
    )
    add(meeting, "Any other business", kind=AgendaItem.Kind.AOB)
    return meeting


def _editor(client, meeting) -> str:
    return client.get(reverse("meetings:editor", args=[meeting.pk])).content.decode()


def test_the_editor_shows_the_deadline_and_warns_as_it_nears(world, signed_in):
    with time_machine.travel(at(TODAY, "09:00"), tick=False):
        client = signed_in(world.clerk)
        # Thursday 1 April 2027, after Easter (Good Friday 26, Easter Monday 29 March).
        far = _public_meeting(world, "2027-04-01")
        page = _editor(client, far)
        assert "publish the agenda by Monday 22 March 2027" in page
        assert "Publish soon" not in page
        near = _public_meeting(world, "2027-03-10")  # deadline Tuesday 2 March
        page = _editor(client, near)
        assert "Publish soon." in page and "2 working days left" in page
        world.committee.is_public = False
        world.committee.save()
        assert 'id="publication-clock"' not in _editor(client, far)


def test_a_late_agenda_needs_a_reason_of_urgency_shown_to_the_public(world, signed_in, client):
    with time_machine.travel(at(TODAY, "09:00"), tick=False):
        clerk = signed_in(world.clerk)
        meeting = _public_meeting(world, "2027-03-05")  # deadline was Friday 26 February
        assert clock_for(meeting).late
        url = reverse("meetings:publish", args=[meeting.pk])
        page = _editor(clerk, meeting)
        assert "The agenda is late." in page and 'name="late_reason"' in page

        response = clerk.post(url, {"audience": "later"})
        assert response.status_code == 400
        assert "reason of urgency" in response.content.decode()
        assert not meeting.versions.exists()

        too_long = "x" * 1001
        response = clerk.post(url, {"audience": "later", "late_reason": too_long})
        assert response.status_code == 400
        assert too_long in response.content.decode()  # kept to be shortened
        assert not meeting.versions.exists()

        reason = "The Commissioner report arrived on 1 March."
        response = clerk.post(url, {"audience": "later", "late_reason": reason})
        assert response.status_code == 302
        assert meeting.versions.get().late_reason == reason
        public = client.get(reverse("public:meeting", args=[meeting.pk])).content.decode()
        assert f"Reason of urgency: {reason}" in public
        # A later version is not the statutory publication: no reason asked.
        assert clerk.post(url, {"audience": "later"}).status_code == 302
        assert meeting.versions.count() == 2


def test_an_agenda_in_time_asks_for_no_reason(world, signed_in, client):
    with time_machine.travel(at(TODAY, "09:00"), tick=False):
        clerk = signed_in(world.clerk)
        meeting = _public_meeting(world, "2027-04-01")
        url = reverse("meetings:publish", args=[meeting.pk])
        response = clerk.post(url, {"audience": "later", "late_reason": "Not needed"})
        assert response.status_code == 302
        assert meeting.versions.get().late_reason == ""
        public = client.get(reverse("public:meeting", args=[meeting.pk])).content.decode()
        assert "Reason of urgency" not in public


def test_an_agenda_put_on_record_after_its_meeting_asks_no_reason(world, signed_in):
    """A loaded history (the demo's 2014 meetings): once the meeting has begun the agenda is
    a record, not notice, and there is no urgency to give."""
    with time_machine.travel(at(TODAY, "09:00"), tick=False):
        meeting = _public_meeting(world, "2027-02-25")
        version = services.agenda_publish(meeting=meeting, by=world.clerk, invite_committee=False)
        assert version.late_reason == ""
