"""The states the property suite drives the product in, each a fixture partnership at one moment:

- future: the fixture meeting a fortnight ahead, published, with an action, invitations and a
  paper (the forms of planning a meeting);
- held: the day after the meeting, with draft minutes, and a second meeting that has begun but
  is not yet marked held (the forms of recording a meeting);
- circulated: after the committee's next meeting, the minutes circulated for comment;
- approved: the same, the minutes approved at the next meeting and locked (amendments).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from actions import services as action_services
from actions.models import Action
from attendance import services as attendance_services
from attendance.models import Invitation
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting, Paper
from minutes import services as minutes_services
from tests.agenda_fixtures import add, after_meeting, at

from .forms import PDF

SCENES = ["future", "held", "circulated", "approved"]


@dataclass
class Scene:
    """One state of the partnership: its meeting, an action, an item with a paper."""

    name: str
    world: object
    meeting: Meeting
    action: Action
    item: AgendaItem
    paper: Paper
    begun: Meeting | None = None
    extra: dict = field(default_factory=dict)


def _published(world, title: str, day: str, start: str = "10:00") -> Meeting:
    m = meeting_services.meeting_create(
        committee=world.committee,
        title=title,
        starts_at=at(day, start),
        ends_at=at(day, "12:00"),
        use_template=False,
    )
    add(m, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES)
    add(m, "Minutes", kind=AgendaItem.Kind.MINUTES)
    add(m, "Any other business", kind=AgendaItem.Kind.AOB)
    Meeting.objects.filter(pk=m.pk).update(status=Meeting.Status.PUBLISHED)
    m.refresh_from_db()
    return m


def _draft_minutes(world, meeting: Meeting) -> None:
    for title, text in [
        ("Minutes of the last meeting", "The Committee received the minutes."),
        ("Any other business", "There was no other business."),
    ]:
        minutes_services.minute_save(
            item=meeting.items.get(title=title),
            by=world.clerk,
            narrative=text,
            resolutions=["That the minutes be signed as a correct record."],
            expected_revision=None,
        )


TRANSCRIPT = """Date: Monday 1 June

Stephen Greenhalgh (MOPAC): We will write to the Committee with the missing persons figures.

Ann Lee (MPS): We will send the Board the training numbers by the end of March.
"""


def _drafts_from_a_transcript(meeting: Meeting) -> None:
    """Actions drafted from a transcript of the meeting, waiting for review (their accept,
    merge and reject forms)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hearing.txt"
        path.write_text(TRANSCRIPT)
        call_command("draft_actions", str(path), "--meeting", str(meeting.pk), stdout=io.StringIO())


MOMENTS = {
    "future": None,
    "held": lambda: at(after_meeting(1), "09:00"),
    "circulated": lambda: at(after_meeting(13), "09:00"),
    "approved": lambda: at(after_meeting(13), "09:00"),
}


def build(name: str, world, meeting: Meeting) -> Iterator[Scene]:
    """Make the scene `name` (the fixture meeting is made before travelling)."""
    item = meeting.items.get(title="Any other business")
    action, _ = action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        agenda_item=meeting.items.get(title="Minutes of the last meeting"),
        description="Write to the Committee with the referral figures",
        owning_agency=world.mps,
    )
    attendance_services.invitations_generate(meeting=meeting, by=world.clerk)
    paper = meeting_services.paper_add(
        item=item, upload=SimpleUploadedFile("report.pdf", PDF), by=world.clerk
    )
    # A paper, apologies and a declaration, so that their removal forms are shown.
    invited = Invitation.objects.filter(meeting=meeting)
    attendance_services.apologies_send(invitation=invited.get(person=world.lead), by=world.lead)
    attendance_services.declaration_add(
        meeting=meeting, by=world.clerk, person=world.lead, nature="A trustee of Safer London"
    )
    moment = MOMENTS[name]
    if name == "future":
        _drafts_from_a_transcript(meeting)
    if moment is None:
        yield Scene(name, world, meeting, action, item, paper)
        return
    with time_machine.travel(moment(), tick=True):
        scene = Scene(name, world, meeting, action, item, paper)
        if name == "held":
            scene.begun = _published(world, "Begun, not marked held", after_meeting(1), "08:00")
            attendance_services.substitute_record(
                original=invited.get(person=world.member), by=world.clerk, person=world.manager
            )
        _draft_minutes(world, meeting)
        if name in ("circulated", "approved"):
            later = _published(world, "Follow-up session", after_meeting(12))
            attendance_services.invitations_generate(meeting=later, by=world.clerk)
            record = minutes_services.minutes_circulate(meeting=meeting, by=world.clerk)
            if name == "approved":
                minutes_services.minutes_approve(minutes=record, at_meeting=later, by=world.chair)
            scene.extra["later"] = later
        meeting.refresh_from_db()
        yield scene


@pytest.fixture
def scene_of(world, meeting, request) -> Iterator[Scene]:
    """The scene named by the test's `scene_name` parameter."""
    yield from build(request.getfixturevalue("scene_name"), world, meeting)
