"""The demo minutes of 4 December 2014: as the 8 January 2015 pack prints them, approved at the
meeting of 8 January 2015, corrected by one recorded amendment; loading twice changes nothing."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from agencies.models import User
from demo.minutes import load_minutes_demo
from meetings.access import meeting_viewer
from meetings.models import Meeting
from minutes.models import Minute, MinuteAmendment, Minutes, MinutesComment, Resolution
from minutes.selectors import minutes_document

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def demo():
    call_command("load_demo", password="x", stdout=StringIO())
    load_minutes_demo()  # in case load_demo has not loaded them


def _meeting(*when: int) -> Meeting:
    return Meeting.objects.get(
        committee__short_name="pcc", starts_at=datetime(*when, tzinfo=LONDON)
    )


def _state() -> list:
    return [
        list(Minutes.objects.order_by("id").values_list()),
        list(Minute.objects.order_by("id").values_list()),
        list(Resolution.objects.order_by("id").values_list()),
        list(MinuteAmendment.objects.order_by("id").values_list()),
        list(MinutesComment.objects.order_by("id").values_list()),
        list(Meeting.objects.order_by("id").values_list("id", "status")),
    ]


def test_loading_twice_changes_nothing(demo):
    before = _state()
    load_minutes_demo()
    call_command("load_demo", password="x", stdout=StringIO())
    assert _state() == before


def test_december_minutes_read_as_the_pack_prints_them(demo):
    december, january = _meeting(2014, 12, 4, 10), _meeting(2015, 1, 8, 10)
    reader = User.objects.get(email="martin.hewitt@met.police.example")
    doc = minutes_document(meeting_viewer(reader, december))
    assert doc.can_read and doc.is_locked
    assert doc.record.approved_at_meeting == january
    paragraphs = {p.number: p.text for s in doc.sections for p in s.paragraphs}
    # Generated from the attendance demo, frozen when the minutes were approved.
    assert paragraphs["1.1"] == (
        "Apologies for absence were received from Roger Evans, for whom James Cleverly "
        "substituted, and from Jennette Arnold."
    )
    present = [line.name for line in doc.attendance.attending]
    assert present[0] == "Joanne McCartney" and "James Cleverly" in present
    assert (
        paragraphs["4.1"]
        == "The Committee received the report of the Executive Director of Secretariat."
    )
    assert paragraphs["5.1"].startswith("The Committee received the report")
    assert paragraphs["5.2"].startswith("The Chair welcomed the following guests for the first")
    assert paragraphs["5.4"].startswith("During the discussion Assistant Commissioner Dick")
    assert paragraphs["5.8"].endswith("new role at the Foreign and Commonwealth Office.")
    assert paragraphs["6.2"].startswith("The Chair, whilst noting")
    assert paragraphs["9.1"] == "There was no other business the Chair considered urgent."
    resolved = {s.resolved_number: s.resolutions for s in doc.sections if s.resolutions}
    assert [(r.label, r.text[:40]) for r in resolved["5.9"]] == [
        ("(a)", "That the report and answers given by the"),
        ("(b)", "That MOPAC's response to the recommendat"),
        ("(c)", "That the response of the MPS to the Comm"),
    ]
    assert resolved["2.1"][0].text.startswith("That the list of offices held")
    assert [r.label for r in resolved["4.2"]] == ["(a)", "(b)"]
    assert doc.close_number == "10" and doc.close.text == "The meeting ended at 1.11pm."
    # The printed "18 December 2015" is corrected by a recorded amendment.
    assert "18 December 2014" in paragraphs["8.1"]
    [(section, amendment)] = doc.amendments
    assert section.row.number == "8"
    assert "18 December 2015" in amendment.narrative_before
    assert amendment.made_by.email == "teresa.young@gla.example"


def test_approved_by_the_resolution_under_the_january_minutes_item(demo):
    december, january = _meeting(2014, 12, 4, 10), _meeting(2015, 1, 8, 10)
    resolution = Resolution.objects.get(approves__meeting=december)
    assert resolution.minute.item.meeting == january
    assert resolution.minute.item.title == "Minutes"
    assert resolution.text == (
        "That the minutes of the Police and Crime Committee meeting held on 4 December 2014 be "
        "signed by the Chair as a correct record."
    )
    january.refresh_from_db()
    december.refresh_from_db()
    assert december.status == Meeting.Status.MINUTES_APPROVED
    assert january.status == Meeting.Status.MINUTES_DRAFTED
    assert Minutes.objects.get(meeting=january).stage == Minutes.Stage.DRAFT
