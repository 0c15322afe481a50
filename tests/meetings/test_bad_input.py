"""Meetings refuse bad input at the form and export what is stored without breaking (issue 20)."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Meeting
from tests.agenda_fixtures import MEETING_DAY

pytestmark = pytest.mark.django_db


def _new_meeting(**overrides) -> dict:
    data = {
        "revision": "0",
        "title": "Police and Crime Committee",
        "date": MEETING_DAY,
        "start_time": "10:00",
        "end_time": "12:00",
        "location": "City Hall",
    }
    return {**data, **overrides}


def _post_new(client, world, data):
    url = reverse("meetings:meeting_create", kwargs={"short_name": world.committee.short_name})
    return client.post(url, data)


def test_a_huge_hidden_revision_on_a_new_meeting_is_refused(world, signed_in):
    client = signed_in(world.clerk)
    response = _post_new(client, world, _new_meeting(revision="9" * 40))
    assert response.status_code == 400
    assert "reload it" in response.content.decode()
    assert not Meeting.objects.filter(title="Police and Crime Committee").exists()


@pytest.mark.parametrize("day", ["0001-01-01", "1900-06-01", "9999-12-31"])
def test_a_meeting_date_out_of_bounds_is_refused_and_the_text_kept(world, signed_in, day):
    response = _post_new(signed_in(world.clerk), world, _new_meeting(date=day))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter a date between 1 January 2000 and 31 December 2100" in body
    assert 'value="Police and Crime Committee"' in body
    assert not Meeting.objects.filter(title="Police and Crime Committee").exists()


def test_a_title_with_a_line_break_is_refused(world, signed_in):
    data = _new_meeting(title="Police\r\nBEGIN:VEVENT")
    response = _post_new(signed_in(world.clerk), world, data)
    assert response.status_code == 400
    assert "must be one line" in response.content.decode()


def test_a_200000_character_description_is_refused_with_its_limit(world, meeting, signed_in):
    client = signed_in(world.clerk)
    item = meeting.items.get(title="Minutes of the last meeting")
    meeting.refresh_from_db()
    text = "x" * 200_000
    response = client.post(
        reverse("meetings:item_edit", kwargs={"pk": item.pk}),
        {
            "revision": meeting.agenda_revision,
            "title": item.title,
            "kind": item.kind,
            "description": text,
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Shorten this to 10,000 characters or fewer" in body
    assert text in body
    item.refresh_from_db()
    assert item.description == ""


def test_the_limit_is_stated_on_the_form(world, meeting, signed_in):
    item = meeting.items.get(title="Minutes of the last meeting")
    body = signed_in(world.clerk).get(reverse("meetings:item_edit", kwargs={"pk": item.pk}))
    assert "Up to 10,000 characters." in body.content.decode()


def test_meeting_ics_with_a_stored_line_break_in_the_title(world, meeting, signed_in):
    # Stored before titles refused line breaks (or by an import): the feed still works.
    Meeting.objects.filter(pk=meeting.pk).update(title="Justice\r\nBEGIN:VEVENT\nMatters")
    response = signed_in(world.chair).get(
        reverse("meetings:meeting_ics", kwargs={"pk": meeting.pk})
    )
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]) == "MOPAC Challenge: Justice BEGIN:VEVENT Matters"
    assert "\r\nBEGIN:VEVENT\r\n" in response.content.decode()  # only the real one
    assert response.content.decode().count("\r\nBEGIN:VEVENT\r\n") == 1


@pytest.mark.parametrize("query", ["?after=%C2%B2", "?moved=%C2%B2&via=up", "?after=9" + "9" * 30])
def test_agenda_editor_ignores_a_bad_number_in_the_query(world, meeting, signed_in, query):
    url = reverse("meetings:editor", kwargs={"pk": meeting.pk}) + query
    assert signed_in(world.clerk).get(url).status_code == 200
