"""Agenda pack PDF, .ics downloads and calendar feeds: restricted items stay where they belong.

DESIGN.md section 3: a restricted item shows only as "Restricted item N" to people without a
grant, and never appears in calendars at all, not even for those who may see it.
"""

from __future__ import annotations

import base64
import contextlib
import re
import zlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import AgendaItem, CalendarFeed, Meeting
from tests.factories import CommitteeFactory, UserFactory, person_in

LONDON = ZoneInfo("Europe/London")
# Meetings are put next year, so that they are always in the feed's window (30 days ago on).
YEAR = datetime.now(UTC).year + 1

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Operation Nightjar case review"
SECRET_WORDS = ("Nightjar", "Quartermaine", "Kestrel", "Ptarmigan")


# --- helpers --------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The text drawn in a reportlab PDF: its content streams decoded, strings unescaped."""
    assert content.startswith(b"%PDF-")
    streams = []
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", content, re.S):
        data = raw.strip()
        if data.endswith(b"~>"):
            data = base64.a85decode(data[:-2])
        with contextlib.suppress(zlib.error):  # uncompressed streams are used as they are
            data = zlib.decompress(data)
        streams.append(data)
    tokens = re.finditer(rb"\(((?:\\.|[^\\)])*)\)\s*Tj|T\*|\bET\b", b"\n".join(streams), re.S)

    def unescape(s: bytes) -> str:
        s = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8)]), s)
        s = re.sub(rb"\\(.)", rb"\1", s)
        return s.decode("cp1252", errors="replace")

    # Fragments of one line are joined; a new line (T*) or text block (ET) starts a line.
    text = "".join("\n" if m.group(1) is None else unescape(m.group(1)) for m in tokens)
    return re.sub(r"\n+", "\n", text)


def flat(text: str) -> str:
    """Text with wrapped lines joined, to look for phrases whatever the line breaks."""
    return " ".join(text.split())


def pdf_title(content: bytes) -> str:
    match = re.search(rb"/Title \(((?:\\.|[^\\)])*)\)", content)
    assert match, "the PDF has no title"
    raw = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8)]), match.group(1))
    return raw.decode("latin-1").replace("\\(", "(").replace("\\)", ")")


def assert_no_secret(text: str) -> None:
    for word in SECRET_WORDS:
        assert word not in text, f"{word!r} leaked"


def london(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=LONDON)


def make_meeting(
    world, title: str = "Serious violence", starts_at: datetime | None = None, **kwargs
) -> Meeting:
    """A published meeting with three items, the third restricted to MOPAC."""
    starts_at = starts_at or london(YEAR, 7, 2)
    meeting = services.meeting_create(
        committee=kwargs.pop("committee", world.committee),
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        location="City Hall, Kamal Chunchie Way",
        use_template=False,
    )
    services.item_create(
        meeting=meeting, expected_revision=None, title="Welcome and apologies", planned_minutes=5
    )
    update = services.item_create(
        meeting=meeting,
        expected_revision=None,
        title="Knife crime update",
        planned_minutes=30,
        presenters=[world.lead],
        lead_agency=world.mps,
        recommendation="Note the update.",
    )
    services.paper_add(
        item=update,
        upload=SimpleUploadedFile("update.txt", b"figures", content_type="text/plain"),
        title="Knife crime dashboard",
    )
    presenter = UserFactory(full_name="Zebedee Quartermaine")
    secret = services.item_create(
        meeting=meeting,
        expected_revision=None,
        title=SECRET_TITLE,
        planned_minutes=20,
        presenters=[presenter],
        lead_agency=world.mopac,
        recommendation="Approve the Kestrel protocol.",
    )
    services.paper_add(
        item=secret,
        upload=SimpleUploadedFile("appendix.txt", b"case detail", content_type="text/plain"),
        title="Ptarmigan appendix",
    )
    services.item_restrict(
        item=secret, expected_revision=None, restricted=True, agencies=[world.mopac]
    )
    services.item_create(
        meeting=meeting, expected_revision=None, title="Any other business", planned_minutes=10
    )
    meeting.status = kwargs.pop("status", Meeting.Status.PUBLISHED)
    meeting.save()
    return meeting


def ics_events(content: bytes) -> list:
    return Calendar.from_ical(content).walk("VEVENT")


def new_feed(user) -> CalendarFeed:
    return CalendarFeed.objects.create(user=user)


def feed_url(feed: CalendarFeed) -> str:
    return reverse("meetings:calendar_feed", kwargs={"token": feed.token})


# --- agenda pack PDF ------------------------------------------------------------------------


def test_chair_gets_the_whole_pack(world, signed_in):
    meeting = make_meeting(world)
    response = signed_in(world.chair).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="mopac-challenge-{YEAR}-07-02-agenda.pdf"'
    )
    text = pdf_text(response.content)
    for expected in (
        "MOPAC Challenge",
        "Serious violence",
        f"{datetime(YEAR, 7, 2):%A} 2 July {YEAR}",
        "10:00 to 12:00",
        "City Hall, Kamal Chunchie Way",
        "Stephen Greenhalgh",
        "Committee Clerk",
        "Mayor's Office for Policing and Crime",
        "Metropolitan Police Service",
        "Safer London",
        "Welcome and apologies",
        "Knife crime update",
        "Knife crime dashboard",
        SECRET_TITLE,
        "Zebedee Quartermaine",
        "Approve the Kestrel protocol.",
        "Ptarmigan appendix",
    ):
        assert expected in flat(text), expected
    assert "Crown Prosecution Service" not in flat(text)
    # Computed start times: 10:00, 10:05, 10:35, 10:55.
    assert re.search(r"^3\n.*?10:35\n20$", text, re.S | re.M)
    assert "10:55" in text
    assert pdf_title(response.content) == "MOPAC Challenge: Serious violence"


def test_member_without_grant_sees_only_the_placeholder(world, signed_in):
    meeting = make_meeting(world)
    response = signed_in(world.member).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Knife crime update" in text
    assert "Knife crime dashboard" in text
    assert "Restricted item 3" in text
    assert_no_secret(text)
    # Nothing of it anywhere in the file either (metadata, other objects).
    for word in SECRET_WORDS:
        assert word.encode() not in response.content
    # Its lead agency is printed for no item the member may see.
    assert flat(text).count("Mayor's Office for Policing and Crime") == 1  # the host, on the cover


def test_member_of_granted_agency_sees_the_restricted_item(world, signed_in):
    meeting = make_meeting(world)
    granted = person_in(world.mopac, email="analyst@mopac.example")
    response = signed_in(granted).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert SECRET_TITLE in text
    assert "Ptarmigan appendix" in text
    assert "Restricted item 3" not in text


def test_outsider_gets_404_for_pdf_and_ics(world, signed_in):
    meeting = make_meeting(world)
    client = signed_in(world.outsider)
    assert client.get(reverse("meetings:agenda_pdf", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).status_code == 404


def test_draft_meeting_pack_is_404_for_members(world, signed_in):
    meeting = make_meeting(world, status=Meeting.Status.DRAFT)
    client = signed_in(world.member)
    assert client.get(reverse("meetings:agenda_pdf", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).status_code == 404


def test_exports_need_signing_in(world, client):
    meeting = make_meeting(world)
    response = client.get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_pdf_escapes_markup_in_titles(world, signed_in):
    meeting = make_meeting(world, title="Budget <b>& risks</b>")
    services.item_create(
        meeting=meeting, expected_revision=None, title="Q&A <with> partners", planned_minutes=5
    )
    response = signed_in(world.member).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Budget <b>& risks</b>" in text
    assert "Q&A <with> partners" in text


# --- .ics of one meeting --------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["chair", "clerk", "member"])
def test_ics_never_has_a_restricted_item(world, signed_in, persona):
    meeting = make_meeting(world)
    response = signed_in(getattr(world, persona)).get(
        reverse("meetings:meeting_ics", args=[meeting.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert_no_secret(response.content.decode())
    (event,) = ics_events(response.content)
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "Agenda:\n- Welcome and apologies\n- Knife crime update\n- Any other business\n"
    )
    assert "Restricted item" not in description
    assert str(event["SUMMARY"]) == "MOPAC Challenge: Serious violence"
    assert str(event["UID"]) == f"meeting-{meeting.pk}@partnership-meetings"
    assert str(event["URL"]).endswith(f"/meetings/{meeting.pk}/")
    assert str(event["LOCATION"]) == "City Hall, Kamal Chunchie Way"


def test_ics_for_granted_person_has_no_restricted_item_either(world, signed_in):
    meeting = make_meeting(world)
    granted = person_in(world.mopac, email="analyst@mopac.example")
    response = signed_in(granted).get(reverse("meetings:meeting_ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert_no_secret(response.content.decode())


def test_ics_times_are_utc_across_summer_time(world, signed_in):
    summer = make_meeting(world, title="Summer", starts_at=london(YEAR, 7, 2, 10))
    winter = make_meeting(world, title="Winter", starts_at=london(YEAR, 1, 15, 10))
    client = signed_in(world.member)
    (event,) = ics_events(client.get(reverse("meetings:meeting_ics", args=[summer.pk])).content)
    assert event.decoded("DTSTART") == datetime(YEAR, 7, 2, 9, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(YEAR, 7, 2, 11, tzinfo=UTC)
    raw = client.get(reverse("meetings:meeting_ics", args=[summer.pk])).content
    assert f"DTSTART:{YEAR}0702T090000Z".encode() in raw
    raw = client.get(reverse("meetings:meeting_ics", args=[winter.pk])).content
    assert f"DTSTART:{YEAR}0115T100000Z".encode() in raw


def test_cancelled_meeting_is_cancelled_in_calendars(world, signed_in):
    meeting = make_meeting(world, status=Meeting.Status.CANCELLED)
    response = signed_in(world.member).get(reverse("meetings:meeting_ics", args=[meeting.pk]))
    (event,) = ics_events(response.content)
    assert str(event["STATUS"]) == "CANCELLED"


# --- calendar feed --------------------------------------------------------------------------


def test_feed_works_without_signing_in_and_hides_restricted_items(world, client):
    mine = make_meeting(world, title="Serious violence")
    other_committee = CommitteeFactory(name="Reducing Reoffending Board", host=world.cps)
    theirs = make_meeting(world, title="Reoffending", committee=other_committee)
    feed = new_feed(world.chair)
    response = client.get(feed_url(feed))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-cache" in response["Cache-Control"]
    uids = {str(e["UID"]) for e in ics_events(response.content)}
    assert f"meeting-{mine.pk}@partnership-meetings" in uids
    assert f"meeting-{theirs.pk}@partnership-meetings" not in uids
    body = response.content.decode()
    assert "Knife crime update" in body
    assert_no_secret(body)


def test_feed_is_404_after_revoking_and_for_unknown_tokens(world, client):
    make_meeting(world)
    feed = new_feed(world.member)
    assert client.get(feed_url(feed)).status_code == 200
    feed.revoked_at = timezone.now()
    feed.save()
    assert client.get(feed_url(feed)).status_code == 404
    unknown = reverse("meetings:calendar_feed", kwargs={"token": "not-a-real-token"})
    assert client.get(unknown).status_code == 404


def test_feed_of_inactive_person_is_404(world, client):
    feed = new_feed(world.member)
    world.member.is_active = False
    world.member.save()
    assert client.get(feed_url(feed)).status_code == 404


def test_outsider_feed_does_not_list_the_committee(world, client):
    make_meeting(world)
    response = client.get(feed_url(new_feed(world.outsider)))
    assert response.status_code == 200
    assert ics_events(response.content) == []
    assert b"Serious violence" not in response.content


def test_drafts_are_not_in_a_members_feed(world, client):
    draft = make_meeting(world, title="Draft meeting", status=Meeting.Status.DRAFT)
    published = make_meeting(world, title="Published meeting")
    uids = {str(e["UID"]) for e in ics_events(client.get(feed_url(new_feed(world.member))).content)}
    assert uids == {f"meeting-{published.pk}@partnership-meetings"}
    # The chair runs the committee, so sees the draft (as tentative).
    events = ics_events(client.get(feed_url(new_feed(world.chair))).content)
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in events}
    assert statuses[f"meeting-{draft.pk}@partnership-meetings"] == "TENTATIVE"


def test_feed_starts_30_days_ago(world, client):
    now = timezone.localtime()
    old = make_meeting(world, title="Long ago", starts_at=now - timedelta(days=40))
    recent = make_meeting(world, title="Last week", starts_at=now - timedelta(days=7))
    uids = {str(e["UID"]) for e in ics_events(client.get(feed_url(new_feed(world.member))).content)}
    assert f"meeting-{recent.pk}@partnership-meetings" in uids
    assert f"meeting-{old.pk}@partnership-meetings" not in uids


def _feed_queries(client, feed) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(feed_url(feed))
    assert response.status_code == 200
    return len(queries)


def test_feed_queries_do_not_grow_with_meetings(world, client):
    feed = new_feed(world.member)
    start = london(YEAR, 3, 1)
    for n in range(2):
        make_meeting(world, title=f"Meeting {n}", starts_at=start + timedelta(days=n))
    few = _feed_queries(client, feed)
    for n in range(2, 20):
        make_meeting(world, title=f"Meeting {n}", starts_at=start + timedelta(days=n))
    many = _feed_queries(client, feed)
    assert len(ics_events(client.get(feed_url(feed)).content)) == 20
    assert many == few
    assert few <= 9  # the grants' keys are read once per request (meetings/access.py)


# --- calendar page --------------------------------------------------------------------------


def test_calendar_page_creates_shows_and_revokes_your_own_feed(world, signed_in):
    someone_else = new_feed(world.lead)
    client = signed_in(world.member)
    page = client.get(reverse("meetings:calendar"))
    assert page.status_code == 200
    assert someone_else.token not in page.content.decode()
    assert "Make a calendar feed" in page.content.decode()

    response = client.post(reverse("meetings:calendar"), {"action": "create"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("meetings:calendar")
    feed = CalendarFeed.objects.get(user=world.member)
    body = response.content.decode()
    assert f"http://testserver{feed_url(feed)}" in body
    assert "Outlook" in body and "Google Calendar" in body
    assert "govuk-notification-banner--success" in body

    response = client.post(reverse("meetings:calendar"), {"action": "create"})
    assert response.status_code == 302
    feeds = CalendarFeed.objects.filter(user=world.member)
    assert feeds.count() == 2
    assert feeds.filter(revoked_at__isnull=True).count() == 1
    feed.refresh_from_db()
    assert feed.revoked_at is not None

    response = client.post(reverse("meetings:calendar"), {"action": "revoke"}, follow=True)
    assert "govuk-notification-banner--success" in response.content.decode()
    assert not CalendarFeed.objects.filter(user=world.member, revoked_at__isnull=True).exists()
    someone_else.refresh_from_db()
    assert someone_else.revoked_at is None
    assert CalendarFeed.objects.filter(user=world.lead).count() == 1


def test_calendar_page_needs_signing_in(client, world):
    response = client.post(reverse("meetings:calendar"), {"action": "create"})
    assert response.status_code == 302
    assert not CalendarFeed.objects.exists()


def test_feed_lists_the_open_items_in_agenda_order(world, client):
    meeting = make_meeting(world)
    part = services.item_create(
        meeting=meeting,
        expected_revision=None,
        title="Part two",
        kind=AgendaItem.Kind.PART,
        planned_minutes=20,
    )
    services.item_create(
        meeting=meeting, expected_revision=None, title="Partner updates", parent=part
    )
    (event,) = ics_events(client.get(feed_url(new_feed(world.member))).content)
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "Agenda:\n- Welcome and apologies\n- Knife crime update\n- Any other business\n"
        "- Part two\n  - Partner updates\n"
    )
    assert_no_secret(description)
