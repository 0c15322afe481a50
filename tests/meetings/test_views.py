"""Meeting pages: who gets in, who does not, query budgets, and bad input."""

import html

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import AgendaItem, Meeting, Paper
from tests.agenda_fixtures import SECRET, add, at, day_from_today
from tests.factories import person_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PARTNERS = ["chair", "clerk", "lead", "member", "manager", "partner_member"]


@pytest.mark.parametrize("persona", PARTNERS)
def test_partners_see_the_committee_and_meeting(world, meeting, signed_in, persona):
    client = signed_in(getattr(world, persona))
    assert client.get(reverse("meetings:committees")).status_code == 200
    committee_page = client.get(world.committee.get_absolute_url())
    assert meeting.title in committee_page.content.decode()
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_outsiders_get_404_everywhere(world, meeting, secret_item, signed_in):
    client = signed_in(world.outsider)
    assert "MOPAC Challenge" not in client.get(reverse("meetings:committees")).content.decode()
    for url in [
        world.committee.get_absolute_url(),
        meeting.get_absolute_url(),
        reverse("meetings:versions", args=[meeting.pk]),
        reverse("meetings:editor", args=[meeting.pk]),
        reverse("meetings:item_edit", args=[secret_item.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_member_without_grant_sees_placeholder_not_title(world, meeting, signed_in):
    body = signed_in(world.member).get(meeting.get_absolute_url()).content.decode()
    assert "Restricted item 3" in body
    assert SECRET not in body
    assert "hears the testimony in private" not in body


def test_granted_agency_and_officers_see_the_title(world, meeting, signed_in):
    for user in (person_in(world.mopac), world.chair, world.clerk):
        body = signed_in(user).get(meeting.get_absolute_url()).content.decode()
        assert SECRET in body


@pytest.mark.parametrize("persona", ["lead", "member", "manager", "partner_member"])
def test_only_chairs_and_secretariat_edit(world, meeting, secret_item, signed_in, persona):
    client = signed_in(getattr(world, persona))
    aob = meeting.items.get(title="Any other business")
    assert client.get(reverse("meetings:editor", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:item_edit", args=[aob.pk])).status_code == 403
    # A restricted item they cannot see is not even confirmed to exist.
    assert client.get(reverse("meetings:item_edit", args=[secret_item.pk])).status_code == 404
    response = client.post(
        reverse("meetings:item_add", args=[meeting.pk]),
        {"revision": meeting.agenda_revision, "title": "Sneaky", "kind": "substantive"},
    )
    assert response.status_code == 403
    assert not AgendaItem.objects.filter(title="Sneaky").exists()
    assert client.post(reverse("meetings:publish", args=[meeting.pk])).status_code == 403


@pytest.mark.parametrize("persona", ["chair", "clerk"])
def test_officers_build_the_agenda(world, meeting, signed_in, persona):
    client = signed_in(getattr(world, persona))
    assert client.get(reverse("meetings:editor", args=[meeting.pk])).status_code == 200
    response = client.post(
        reverse("meetings:item_add", args=[meeting.pk]),
        {
            "revision": meeting.agenda_revision,
            "title": "Date of next meeting",
            "kind": "next_meeting",
            "planned_minutes": "2",
        },
    )
    assert response.status_code == 302
    assert meeting.items.filter(title="Date of next meeting").exists()


def test_create_meeting_from_the_form(world, signed_in):
    world.committee.standing_agenda = [{"title": "Apologies", "kind": "apologies"}]
    world.committee.save()
    url = reverse("meetings:meeting_create", args=[world.committee.short_name])
    typed = {
        "revision": 0,
        "title": "July",
        "date": "2026-07-01",
        "start_time": "10:00",
        "end_time": "12:00",
        "location": "City Hall",
    }
    # Signed in on the travelled day: a session begun at the real clock may have expired by then.
    with time_machine.travel(at("2026-06-01", "09:00"), tick=True):
        client = signed_in(world.clerk)
        response = client.post(url, typed)
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="July")
    assert meeting.starts_at.isoformat() == "2026-07-01T09:00:00+00:00"  # BST
    assert [i.title for i in meeting.items.all()] == ["Apologies"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start_time": "12:00", "end_time": "10:00"}, "The end time must be after the start time"),
        ({"date": "2026-02-30"}, "Enter a real date"),
        ({"start_time": "25:00"}, "Enter a time like 10:00"),
        (
            {"date": "2027-03-28", "start_time": "01:30", "end_time": "03:00"},
            "the clocks go forward",
        ),
    ],
)
def test_invalid_times_are_refused_with_a_message_and_kept(world, signed_in, data, message):
    client = signed_in(world.chair)
    form = {
        "revision": 0,
        "title": "Typed title",
        "date": "2026-07-01",
        "start_time": "10:00",
        "end_time": "12:00",
    }
    response = client.post(
        reverse("meetings:meeting_create", args=[world.committee.short_name]), {**form, **data}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body and "govuk-error-summary" in body
    assert 'value="Typed title"' in body
    assert not Meeting.objects.exists()


def test_a_stale_edit_is_409_and_keeps_what_was_typed(world, meeting, signed_in):
    client = signed_in(world.chair)
    aob = meeting.items.get(title="Any other business")
    stale = meeting.agenda_revision
    add(meeting, "Someone else's item")
    response = client.post(
        reverse("meetings:item_edit", args=[aob.pk]),
        {"revision": stale, "title": "My careful new wording", "kind": "aob"},
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this agenda" in body
    assert "My careful new wording" in body
    aob.refresh_from_db()
    assert aob.title == "Any other business"


def test_moving_with_buttons(world, meeting, signed_in):
    client = signed_in(world.chair)
    aob = meeting.items.get(title="Any other business")
    response = client.post(
        reverse("meetings:item_move", args=[aob.pk]),
        {"revision": meeting.agenda_revision, "direction": "up"},
    )
    assert response.status_code == 302
    aob.refresh_from_db()
    assert aob.position == 2


def test_first_item_moved_up_is_a_400_with_a_message(world, meeting, signed_in):
    client = signed_in(world.chair)
    first = meeting.items.get(title="Apologies for absence")
    response = client.post(
        reverse("meetings:item_move", args=[first.pk]),
        {"revision": meeting.agenda_revision, "direction": "up"},
    )
    assert response.status_code == 400
    assert "already at the top" in response.content.decode()


def test_wrong_type_paper_is_a_400_and_saves_nothing(world, meeting, signed_in):
    client = signed_in(world.chair)
    item = meeting.items.first()
    response = client.post(
        reverse("meetings:paper_add", args=[item.pk]),
        {"title": "Report", "upload": SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>")},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "not a PDF file" in body
    assert f'value="{item.title}"' in body  # the item form keeps its content
    assert not Paper.objects.exists()


def test_papers_of_a_restricted_item_download_only_for_those_with_access(
    world, meeting, secret_item, signed_in
):
    client = signed_in(world.chair)
    client.post(
        reverse("meetings:paper_add", args=[secret_item.pk]),
        {"title": "Testimony transcript", "upload": SimpleUploadedFile("t.pdf", PDF)},
    )
    paper = Paper.objects.get()
    url = reverse("meetings:paper", args=[paper.pk])
    assert client.get(url).status_code == 200
    assert signed_in(person_in(world.mopac)).get(url).status_code == 200
    member = signed_in(world.member)
    assert member.get(url).status_code == 404
    assert "Testimony transcript" not in member.get(meeting.get_absolute_url()).content.decode()


def test_version_history_hides_restricted_changes(world, meeting, secret_item, signed_in):
    from meetings import services
    from meetings.services import agenda_publish

    agenda_publish(meeting=meeting, by=world.chair)
    services.item_update(item=secret_item, expected_revision=None, title="Renamed secret")
    agenda_publish(meeting=meeting, by=world.chair)
    member = signed_in(world.member)
    body = member.get(reverse("meetings:versions", args=[meeting.pk])).content.decode()
    assert "Renamed secret" not in body and SECRET not in body
    v1 = member.get(reverse("meetings:version", args=[meeting.pk, 1])).content.decode()
    assert "Restricted item 3" in v1 and SECRET not in v1
    chair = signed_in(world.chair).get(reverse("meetings:versions", args=[meeting.pk]))
    assert "Renamed secret" in chair.content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow_to(meeting, world, n: int) -> None:
    while meeting.items.count() < n:
        parent = add(
            meeting,
            f"Item {meeting.items.count()}",
            planned_minutes=5,
            lead_agency=world.mps,
            presenters=[world.lead],
        )
        add(meeting, "Sub-item", parent=parent, planned_minutes=2)
        Paper.objects.create(
            item=parent, title="Paper", file="papers/x.pdf", size=10, content_type="application/pdf"
        )


@pytest.mark.parametrize("persona", ["chair", "member"])
def test_meeting_page_and_editor_queries_do_not_grow_with_items(world, meeting, signed_in, persona):
    client = signed_in(getattr(world, persona))
    pages = [meeting.get_absolute_url()]
    if persona == "chair":
        pages.append(reverse("meetings:editor", args=[meeting.pk]))
    _grow_to(meeting, world, 5)
    few = [_count(client, url) for url in pages]
    _grow_to(meeting, world, 60)
    assert meeting.items.count() >= 60
    assert [_count(client, url) for url in pages] == few


def test_chair_cancels_a_meeting_and_partners_cannot(world, meeting, signed_in):
    url = reverse("meetings:cancel", args=[meeting.pk])
    confirmed = {"revision": meeting.agenda_revision, "confirm": "yes"}
    assert signed_in(world.lead).post(url, confirmed).status_code == 403
    response = signed_in(world.chair).post(url, confirmed)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    again = signed_in(world.chair).post(url, confirmed)
    # The wrong stage is a conflict (code "stage"), as in the minutes: core.forms.error_status.
    assert again.status_code == 409
    assert "cannot be cancelled" in again.content.decode()


def test_a_past_date_asks_save_anyway_and_keeps_everything_typed(world, signed_in):
    client = signed_in(world.clerk)
    url = reverse("meetings:meeting_create", args=[world.committee.short_name])
    typed = {
        "revision": 0,
        "title": "Catch-up recorded late",
        "date": day_from_today(-3),
        "start_time": "10:00",
        "end_time": "12:00",
        "location": "Room 4",
    }
    asked = client.post(url, typed)
    body = html.unescape(asked.content.decode())
    assert asked.status_code == 200
    assert "is in the past. Check it, or select Save again" in body
    assert 'value="Catch-up recorded late"' in body and 'value="Room 4"' in body
    assert 'name="past_confirmed" value="True"' in body
    assert not Meeting.objects.exists()
    # Saving again (the page carries the answer) saves it.
    saved = client.post(url, {**typed, "past_confirmed": "True"})
    assert saved.status_code == 302
    assert Meeting.objects.get().title == "Catch-up recorded late"


def test_a_future_date_is_saved_without_asking(world, signed_in):
    client = signed_in(world.clerk)
    url = reverse("meetings:meeting_create", args=[world.committee.short_name])
    typed = {"revision": 0, "title": "Ahead", "date": day_from_today(5)}
    response = client.post(url, {**typed, "start_time": "10:00", "end_time": "12:00"})
    assert response.status_code == 302
