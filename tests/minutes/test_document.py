"""The minutes document: standard lines from the attendance record, numbering, the frozen
attendance of approved minutes, guests and declarations of restricted items, query budgets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Membership
from attendance import services as attendance
from meetings.access import meeting_viewer
from meetings.models import AgendaItem
from minutes import services
from minutes.models import MinutesComment
from minutes.selectors import london_time, minutes_document
from tests.agenda_fixtures import add, at
from tests.factories import UserFactory, person_in
from tests.meetings.test_exports import pdf_text

from .conftest import item

pytestmark = pytest.mark.django_db


def _invite(meeting, world, person, capacity="member", agency=None, **fields):
    return attendance.invitation_add(
        meeting=meeting, by=world.chair, capacity=capacity, person=person, agency=agency, **fields
    )


@pytest.fixture
def recorded(world, meeting, secret_item):
    """Attendance as minutes record it: the lead present, a member's apologies with a
    substitute, another member's apologies, a guest for the restricted item, declarations."""
    lead = _invite(meeting, world, world.lead, agency=world.mps)
    attendance.attendance_record(invitation=lead, by=world.chair, status="present")
    member = _invite(meeting, world, world.member, agency=world.mps)
    deputy = person_in(world.mps, Membership.Role.MEMBER, full_name="Dana Deputy")
    attendance.substitute_record(original=member, by=world.chair, person=deputy)
    partner = _invite(meeting, world, world.partner_member, agency=world.safer_london)
    attendance.attendance_record(invitation=partner, by=world.chair, status="apologies")
    witness = UserFactory(full_name="Quartermaine Witness")
    guest = _invite(meeting, world, witness, capacity="guest", agenda_item=secret_item)
    attendance.attendance_record(invitation=guest, by=world.chair, status="present")
    attendance.declaration_add(
        meeting=meeting,
        by=world.chair,
        person=world.lead,
        nature="A trustee of the Kestrel Trust",
        agenda_item=secret_item,
    )
    attendance.declaration_add(
        meeting=meeting,
        by=world.chair,
        person=world.lead,
        nature="Member of the Safer London board",
    )
    add(meeting, "Declarations of interest", kind=AgendaItem.Kind.DECLARATIONS)
    return meeting


def _section(doc, number: str):
    return next(s for s in doc.sections if s.heading and s.row.number == number)


def test_standard_lines_come_from_the_attendance_record(world, recorded, drafted):
    doc = minutes_document(meeting_viewer(world.chair, recorded))
    apologies = _section(doc, "1")
    assert [p.text for p in apologies.paragraphs] == [
        f"Apologies for absence were received from {world.member.full_name}, for whom Dana "
        f"Deputy substituted, and from {world.partner_member.full_name}."
    ]
    assert apologies.paragraphs[0].number == "1.1" and apologies.paragraphs[0].standard
    declarations = [p.text for p in _section(doc, "5").paragraphs]
    assert declarations == [
        f"{world.lead.full_name} declared an interest in item 3 (Survivor testimony: the account "
        "of Ms X): A trustee of the Kestrel Trust.",
        f"{world.lead.full_name} declared an interest: Member of the Safer London board.",
    ]
    present = [line.name for line in doc.attendance.attending]
    assert present == [world.lead.full_name, "Dana Deputy"]
    assert [g.name for g in doc.attendance.guests_by_item[item(recorded, 3).pk]] == [
        "Quartermaine Witness"
    ]


def test_guests_and_declarations_of_a_restricted_item_are_hidden(
    world, recorded, circulated, signed_in
):
    member = signed_in(world.member)
    body = member.get(reverse("minutes:document", args=[recorded.pk])).content.decode()
    assert "Dana Deputy" in body and "Member of the Safer London board" in body
    assert "Quartermaine" not in body and "Kestrel" not in body
    text = pdf_text(member.get(reverse("minutes:pdf", args=[recorded.pk])).content)
    assert "Dana Deputy" in text and "Quartermaine" not in text and "Kestrel" not in text
    chair = signed_in(world.chair)
    body = chair.get(reverse("minutes:document", args=[recorded.pk])).content.decode()
    assert "Quartermaine Witness" in body and "Kestrel Trust" in body


def test_approved_minutes_keep_the_attendance_as_it_stood(
    world, recorded, circulated, later_meeting, signed_in
):
    services.minutes_approve(minutes=circulated, at_meeting=later_meeting, by=world.chair)
    late = UserFactory(full_name="Late Addition")
    invitation = _invite(recorded, world, late, capacity="observer")
    attendance.attendance_record(invitation=invitation, by=world.chair, status="present")
    attendance.declaration_add(
        meeting=recorded, by=world.chair, person=late, nature="An afterthought"
    )
    recorded.ends_at += timedelta(hours=1)
    recorded.save()
    doc = minutes_document(meeting_viewer(world.member, recorded))
    assert "Late Addition" not in [line.name for line in doc.attendance.observers]
    assert doc.close.text == "The meeting ended at 1pm."
    body = signed_in(world.member).get(reverse("minutes:document", args=[recorded.pk]))
    body = body.content.decode()
    assert "Late Addition" not in body and "An afterthought" not in body
    assert "Dana Deputy" in body and "Quartermaine" not in body


def test_paragraphs_run_on_through_sub_items_and_resolutions_close_the_item(world, meeting):
    parent = add(meeting, "Safeguarding", kind=AgendaItem.Kind.SUBSTANTIVE)
    part_a = add(meeting, "Part A", parent=parent)
    part_b = add(meeting, "Part B", parent=parent)
    for target, narrative, resolutions in (
        (parent, "The Committee received the report.", ["That the report be noted.", "That…"]),
        (part_a, "The Chair welcomed the guests.\n\nA transcript is attached.", []),
        (part_b, "The Chair thanked the guests.", []),
    ):
        services.minute_save(
            item=target,
            by=world.chair,
            narrative=narrative,
            resolutions=resolutions,
            expected_revision=None,
        )
    doc = minutes_document(meeting_viewer(world.chair, meeting))
    numbered = [
        (s.row.number, s.heading, [p.number for p in s.paragraphs], s.resolved_number)
        for s in doc.sections
        if s.row.number.startswith("5")
    ]
    assert numbered == [
        ("5", True, ["5.1"], None),
        ("5.1", True, ["5.2", "5.3"], None),
        ("5.2", True, ["5.4"], None),
        ("5", False, [], "5.5"),
    ]
    tail = doc.sections[-1]
    assert [(r.label, r.text) for r in tail.resolutions] == [
        ("(a)", "That the report be noted."),
        ("(b)", "That…"),
    ]
    assert doc.close_number == "6"


def test_times_print_as_minutes_print_them():
    assert london_time(at("2014-12-04", "13:11")) == "1.11pm"
    assert london_time(at("2014-12-04", "10:00")) == "10am"
    assert london_time(at("2014-12-04", "12:05")) == "12.05pm"


# --- query budgets --------------------------------------------------------------------------


def _grow(world, meeting, n: int, *, locked: bool) -> None:
    """Items up to n, each with a minute of two resolutions, a comment, a guest and a
    declaration (amendments instead of edits once the minutes are locked)."""
    while meeting.items.count() < n:
        new = add(meeting, f"Item {meeting.items.count()}", planned_minutes=5)
        guest = UserFactory()
        invitation = _invite(meeting, world, guest, capacity="guest", agenda_item=new)
        attendance.attendance_record(invitation=invitation, by=world.chair, status="present")
        attendance.declaration_add(
            meeting=meeting, by=world.chair, person=guest, nature="x", agenda_item=new
        )
    for agenda_item in meeting.items.filter(minute__isnull=True):
        kwargs = {
            "item": agenda_item,
            "by": world.chair,
            "narrative": "Said.\n\nDone.",
            "resolutions": ["That one.", "That two."],
            "expected_revision": None,
        }
        if locked:
            services.minute_amend(reason="Left out", **kwargs)
        else:
            services.minute_save(**kwargs)
        MinutesComment.objects.create(
            record=meeting.minutes, item=agenda_item, author=world.partner_member, text="Ok"
        )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("stage", ["circulated", "approved"])
@pytest.mark.parametrize("persona", ["chair", "member"])
def test_minutes_page_and_pdf_queries_do_not_grow_with_items(
    world, meeting, later_meeting, signed_in, stage, persona
):
    _grow(world, meeting, 5, locked=False)
    services.minutes_circulate(meeting=meeting, by=world.chair)
    if stage == "approved":
        services.minutes_approve(minutes=meeting.minutes, at_meeting=later_meeting, by=world.chair)
    client = signed_in(getattr(world, persona))
    urls = [
        reverse("minutes:document", args=[meeting.pk]),
        reverse("minutes:pdf", args=[meeting.pk]),
    ]
    few = [_count(client, url) for url in urls]
    _grow(world, meeting, 50, locked=stage == "approved")
    assert meeting.items.count() >= 50
    many = [_count(client, url) for url in urls]
    assert many == few
    # 30, and the session written back (savepoint, update, release) as the suite's clock runs;
    # one more when the page asks for grants (their keys are read once per request).
    assert max(few) <= 34
