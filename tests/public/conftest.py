"""A committee that meets in public, with a published agenda holding one exempt item."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import services
from meetings.models import AgendaItem, ExemptParagraph, Meeting, Paper
from tests.agenda_fixtures import MEETING_DAY, add, at

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Words of the exempt item and everything hanging off it: none may reach the public.
SECRETS = (
    "Operation Kestrel",
    "Ms X of the Acre estate",
    "kestrel-statement",
    "Witness list",
    "Named suspects",
)


@dataclass
class PublicScene:
    meeting: Meeting
    public_item: AgendaItem
    exempt_item: AgendaItem
    public_paper: Paper
    exempt_paper: Paper


def paper(item: AgendaItem, name: str, title: str, by) -> Paper:
    """Upload a small PDF to an item."""
    upload = SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
    return services.paper_add(item=item, upload=upload, title=title, by=by)


@pytest.fixture
def scene(world, settings, tmp_path) -> PublicScene:
    """The committee meets in public; its meeting's agenda is published: 1 Apologies,
    2 the police and crime plan (a paper, a presenter), 3 an exempt item (paragraph 7) with a
    paper and a sub-item, 4 Any other business."""
    settings.MEDIA_ROOT = tmp_path
    world.committee.is_public = True
    world.committee.save()
    m = services.meeting_create(
        committee=world.committee,
        title="Police and Crime Committee",
        starts_at=at(MEETING_DAY, "10:00"),
        ends_at=at(MEETING_DAY, "13:00"),
        location="City Hall",
        use_template=False,
    )
    add(m, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES, planned_minutes=5)
    public_item = add(m, "The police and crime plan", planned_minutes=30, presenters=[world.lead])
    exempt = add(
        m,
        "Operation Kestrel: the review",
        description="The account of Ms X of the Acre estate.",
        planned_minutes=20,
    )
    add(m, "Witness list", parent=exempt)
    services.item_restrict(
        item=exempt,
        expected_revision=None,
        restricted=True,
        agencies=[world.mopac],
        exempt_paragraph=ExemptParagraph.CRIME,
    )
    add(m, "Any other business", kind=AgendaItem.Kind.AOB, planned_minutes=5)
    public_paper = paper(public_item, "plan.pdf", "The plan, 2026 update", world.clerk)
    exempt_paper = paper(exempt, "kestrel-statement.pdf", "Named suspects", world.clerk)
    services.agenda_publish(meeting=m, by=world.clerk, invite_committee=False)
    m.refresh_from_db()
    return PublicScene(m, public_item, exempt, public_paper, exempt_paper)
