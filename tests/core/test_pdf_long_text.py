"""A long text in a table cell flows over pages instead of raising reportlab's LayoutError."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from actions import services as action_services
from core.marking import official
from core.pdf import build_pdf, paragraphs, spread_row, styles
from meetings import services
from tests.agenda_fixtures import after_meeting, at
from tests.meetings.test_exports import flat, pdf_text

LONG = " ".join(f"word{n}" for n in range(6000)) + "\n" + "x" * 3000  # ~45,000 characters


def test_a_cell_taller_than_a_page_is_spread_over_rows():
    s = styles()
    row = [Paragraph("1", s["body"]), [*paragraphs(LONG, s["body"])], Paragraph("st", s["body"])]
    rows = spread_row(row, column=1)
    assert len(rows) > 10 and rows[1][0] == "" and rows[1][2] == ""
    table = Table(
        [["No", "Text", "Status"], *rows], colWidths=[20 * mm, None, 30 * mm], repeatRows=1
    )
    content = build_pdf([table], title="t", footer="f", marking=official())
    text = flat(pdf_text(content))
    assert "word0 " in text and "word5999" in text


def test_without_spreading_the_same_row_does_not_fit():
    from reportlab.platypus.doctemplate import LayoutError

    s = styles()
    table = Table(
        [[Paragraph("1", s["body"]), Paragraph(LONG, s["body"])]], colWidths=[20 * mm, None]
    )
    with pytest.raises(LayoutError):
        build_pdf([table], title="t", footer="f", marking=official())


@pytest.mark.django_db
def test_the_agenda_pack_prints_a_very_long_recommendation(world, meeting, signed_in):
    item = meeting.items.get(title="Minutes of the last meeting")
    meeting.refresh_from_db()
    services.item_update(item=item, expected_revision=None, recommendation=LONG, title=item.title)
    response = signed_in(world.chair).get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    assert "word5999" in flat(pdf_text(response.content))


@pytest.mark.django_db
def test_the_summary_of_actions_prints_a_very_long_description(world, meeting, signed_in):
    item = meeting.items.get(title="Minutes of the last meeting")
    action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        agenda_item=item,
        description=LONG,
        owning_agency=world.mps,
    )
    starts = meeting.starts_at + datetime.timedelta(days=28)
    later = services.meeting_create(
        committee=world.committee,
        title="Next meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        use_template=False,
    )
    assert timezone.is_aware(later.starts_at)
    response = signed_in(world.chair).get(reverse("actions:summary_pdf", args=[later.pk]))
    assert response.status_code == 200
    assert "word5999" in flat(pdf_text(response.content))


@pytest.mark.django_db
def test_the_minutes_print_a_very_long_narrative_and_resolution(world, meeting, signed_in):
    """A minute's paragraph and a resolution each longer than a page flow over pages."""
    from minutes import services as minutes_services

    with time_machine.travel(at(after_meeting(1), "09:00"), tick=True):
        minutes_services.minute_save(
            item=meeting.items.get(title="Minutes of the last meeting"),
            by=world.clerk,
            narrative=LONG,
            resolutions=[LONG.replace("word", "resolved")],
            expected_revision=None,
        )
        response = signed_in(world.chair).get(reverse("minutes:pdf", args=[meeting.pk]))
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    assert "word0 " in text and "word5999" in text and "resolved5999" in text
