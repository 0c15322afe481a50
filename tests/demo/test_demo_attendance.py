"""The seed meetings' attendance: as the documents record it, hidden where it must be, and
loaded once however often load_demo runs."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from agencies.models import User
from attendance import selectors
from attendance.models import AttendanceChange, Declaration, Invitation, QuorumRule
from demo.attendance import load_attendance_demo
from meetings.models import Meeting

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def demo():
    call_command("load_demo", password="x", stdout=StringIO())


def _meeting(short_name: str, *when: int) -> Meeting:
    return Meeting.objects.get(
        committee__short_name=short_name, starts_at=datetime(*when, tzinfo=LONDON)
    )


def _person(email_start: str) -> User:
    return User.objects.get(email__startswith=email_start)


def test_4_december_2014_as_its_minutes_record(demo):
    meeting = _meeting("pcc", 2014, 12, 4, 10, 0)
    clerk = _person("joanna.brown")
    minutes = selectors.minutes_attendance(clerk, meeting)
    assert [line.name for line in minutes.present] == [
        "Joanne McCartney",
        "Caroline Pidgeon",
        "Jenny Jones",
        "Tony Arbour",
        "John Biggs",
        "Victoria Borwick",
        "Len Duvall",
    ]
    assert minutes.present[0].is_chair
    [cleverly] = minutes.substitutes
    assert (cleverly.name, cleverly.substitute_for) == ("James Cleverly", "Roger Evans")
    assert [(a.name, a.substituted_by) for a in minutes.apologies] == [
        ("Roger Evans", "James Cleverly"),
        ("Jennette Arnold", None),
    ]
    items = {item.title: item.id for item in meeting.items.all()}
    guests = {
        title: [g.name for g in minutes.guests_by_item[items[title]]]
        for title in (
            "Safeguarding and Child Sexual Exploitation in London",
            "Part A: Safeguarding children in London",
            "Part B: Child sexual exploitation in London",
        )
    }
    assert guests == {
        "Safeguarding and Child Sexual Exploitation in London": ["Cressida Dick", "Keith Niven"],
        "Part A: Safeguarding children in London": ["Helen Bailey"],
        "Part B: Child sexual exploitation in London": ["Suzanne Elwick", "George Curtis"],
    }
    assert minutes.quorum.members_present == 8 and minutes.quorum.met


def test_8_january_2015_panels_and_declarations(demo):
    meeting = _meeting("pcc", 2015, 1, 8, 10, 0)
    panels = {
        item.title: sorted(inv.name for inv in item.invitations.all())
        for item in meeting.items.filter(title__startswith="Panel")
    }
    assert panels == {
        "Panel 1": ["Alex Newbury", "Graham Robb", "Lisa Harvey-Messina", "Tim Bateman"],
        "Panel 2": ["Evan Jones", "Glen Knight", "Helen Dyson", "Loretta Albertini"],
    }
    # An agenda, not minutes: nobody's attendance is recorded yet.
    assert set(meeting.invitations.values_list("status", flat=True)) == {"expected"}
    evans = Declaration.objects.get(meeting=meeting, person__full_name="Roger Evans")
    assert evans.nature == "Committee of the Regions; Trust for London (Trustee)"
    assert evans.agenda_item.title == "Declaration of Interests"


def test_mopac_challenge_members_and_guests(demo):
    meeting = _meeting("mopac-ch", 2015, 6, 10, 16, 0)
    minutes = selectors.minutes_attendance(_person("marie.snelling"), meeting)
    assert len(minutes.present) == 5 and minutes.present[0].name == "Stephen Greenhalgh"
    assert {o.name for o in minutes.officers} == {"Helen Bailey", "Marie Snelling"}
    guests = {g.name for group in minutes.guests_by_item.values() for g in group}
    assert guests == {
        "Carlene Firmin",
        "Claire Hubberstey",
        "Mike Cooke",
        "Lucy Botting",
        "Gavin Swann",
        "Steve Rodhouse",
        "Terry Sharpe",
    }


def test_justice_matters_apologies_late_arrivals_and_the_survivor(demo):
    meeting = _meeting("jm", 2016, 11, 28, 10, 30)
    clerk = _person("samantha.cunningham")
    minutes = selectors.minutes_attendance(clerk, meeting)
    [court] = minutes.apologies
    assert court.agency_short_name == "HMCTS"
    guests = {g.name: g for group in minutes.guests_by_item.values() for g in group}
    assert guests["Martin Hewitt"].arrived_late and guests["Helga Swidenbank"].arrived_late
    assert guests["Martin Hewitt"].arrived_at.astimezone(LONDON).strftime("%H:%M") == "10:34"
    testimony = meeting.items.get(title="Survivor's testimony")
    assert [g.name for g in minutes.guests_by_item[testimony.id]] == ["Chris"]
    assert guests["Chris"].person_id is None
    # A partner outside MOPAC sees neither the survivor nor the restricted item's guests.
    partner = _person("claire.hubberstey")
    theirs = selectors.minutes_attendance(partner, meeting)
    assert testimony.id not in theirs.guests_by_item
    assert "Chris" not in {g.name for group in theirs.guests_by_item.values() for g in group}


def test_quorum_rules_are_loaded(demo):
    assert QuorumRule.objects.count() == 3


def test_loading_twice_changes_nothing(demo):
    counts = (
        Invitation.objects.count(),
        AttendanceChange.objects.count(),
        Declaration.objects.count(),
        QuorumRule.objects.count(),
        User.objects.count(),
    )
    assert load_attendance_demo() == 0
    call_command("load_demo", password="x", stdout=StringIO())
    assert counts == (
        Invitation.objects.count(),
        AttendanceChange.objects.count(),
        Declaration.objects.count(),
        QuorumRule.objects.count(),
        User.objects.count(),
    )
