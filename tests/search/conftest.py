"""A meeting whose restricted item carries a made-up word in every searchable place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen import canvas

from actions import services as action_services
from actions.models import Action
from agencies.models import User
from meetings import services
from meetings.models import AgendaItem, Meeting, Paper
from minutes import services as minutes_services
from tests.agenda_fixtures import add
from tests.factories import person_in

# Each word is in one place of the restricted item only.
HIDDEN = {
    "title": "Zephyrcombe",
    "description": "Quillbarrow",
    "recommendation": "Fennimoor",
    "paper_title": "Rookhallow",
    "paper_text": "Marrowstane",
    "minute": "Tallowmere",
    "resolution": "Brindlecote",
    "action": "Harrowvale",
}
DRAFT_WORD = "Saltinghurst"


def pdf_with(text: str) -> bytes:
    """A one-page PDF whose text layer says `text`."""
    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


@dataclass
class Searchable:
    """The meeting, its restricted item and what hangs off it; the granted non-officer."""

    meeting: Meeting
    item: AgendaItem
    public_item: AgendaItem
    paper: Paper
    action: Action
    draft: Meeting
    granted: User


@pytest.fixture
def searchable(world, meeting, secret_item) -> Searchable:
    """The fixture meeting held, its minutes circulated, a draft meeting ahead."""
    services.item_update(
        item=secret_item,
        expected_revision=None,
        title=f"Testimony {HIDDEN['title']}",
        description=f"The account from {HIDDEN['description']} estate.",
        recommendation=f"That {HIDDEN['recommendation']} is heard in private.",
    )
    public_item = add(meeting, "Neighbourhood patrols in Bridgeford", planned_minutes=10)
    paper = services.paper_add(
        item=secret_item,
        upload=SimpleUploadedFile(
            "statement.pdf",
            pdf_with(f"The witness statement names {HIDDEN['paper_text']} lane."),
            content_type="application/pdf",
        ),
        title=f"Statement {HIDDEN['paper_title']}",
        by=world.clerk,
    )
    with time_machine.travel(meeting.ends_at + timedelta(hours=1), tick=False):
        minutes_services.minute_save(
            item=secret_item,
            by=world.chair,
            narrative=f"Ms X described {HIDDEN['minute']} to the panel.",
            resolutions=[f"That the {HIDDEN['resolution']} review be referred."],
            expected_revision=None,
        )
        minutes_services.minute_save(
            item=public_item,
            by=world.chair,
            narrative="The Committee noted the Bridgeford patrols.",
            resolutions=[],
            expected_revision=None,
        )
        minutes_services.minutes_circulate(meeting=meeting, by=world.clerk)
    action, _ = action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        agenda_item=secret_item,
        description=f"Review the {HIDDEN['action']} referral pathway",
        owning_agency=world.mopac,
    )
    draft = services.meeting_create(
        committee=world.committee,
        title=f"Planning {DRAFT_WORD}",
        starts_at=meeting.starts_at + timedelta(days=30),
        ends_at=meeting.ends_at + timedelta(days=30),
        location="City Hall",
        use_template=False,
    )
    secret_item.refresh_from_db()
    return Searchable(
        meeting=meeting,
        item=secret_item,
        public_item=public_item,
        paper=paper,
        action=action,
        draft=draft,
        granted=person_in(world.mopac, email="analyst@mopac.example"),
    )
