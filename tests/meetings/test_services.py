"""Agenda services: template, moves, restriction, stale edits, papers, bad input."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import selectors, services
from meetings.access import meeting_viewer
from meetings.models import AgendaItem, Meeting, Paper
from tests.agenda_fixtures import add, at

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _titles(meeting):
    return [
        (r.number, r.label)
        for r in selectors.agenda_for(
            meeting_viewer(meeting.committee.chairs.first(), meeting)
        ).rows
    ]


def test_new_meeting_starts_from_the_standing_agenda(world):
    world.committee.standing_agenda = [
        {"title": "Apologies", "kind": "apologies", "planned_minutes": 5},
        {"title": "Themes", "children": [{"title": "Theme A"}, {"title": "Theme B"}]},
        {"title": "Date of next meeting", "kind": "next_meeting"},
    ]
    world.committee.save()
    m = services.meeting_create(
        committee=world.committee,
        title="June",
        starts_at=at("2026-06-10", "10:00"),
        ends_at=at("2026-06-10", "12:00"),
    )
    assert _titles(m) == [
        ("1", "Apologies"),
        ("2", "Themes"),
        ("2.1", "Theme A"),
        ("2.2", "Theme B"),
        ("3", "Date of next meeting"),
    ]
    assert list(m.chairs.all()) == [world.chair]


def test_meeting_must_end_after_it_starts(world):
    with pytest.raises(ValidationError):
        services.meeting_create(
            committee=world.committee,
            title="Backwards",
            starts_at=at("2026-06-10", "12:00"),
            ends_at=at("2026-06-10", "10:00"),
        )
    assert not Meeting.objects.exists()


def test_naive_times_are_refused(world):
    from datetime import datetime

    with pytest.raises(ValidationError):
        services.meeting_create(
            committee=world.committee,
            title="Naive",
            starts_at=datetime(2026, 6, 10, 10),
            ends_at=datetime(2026, 6, 10, 12),
        )


def test_moves_up_down_in_and_out(world, meeting):
    items = {i.title: i for i in meeting.items.all()}
    aob = items["Any other business"]
    services.item_move(item=aob, expected_revision=None, direction="up")
    assert [t for _, t in _titles(meeting)][2:] == [
        "Any other business",
        "Survivor testimony: the account of Ms X",
    ]
    services.item_move(item=aob, expected_revision=None, direction="down")
    minutes = items["Minutes of the last meeting"]
    services.item_move(item=minutes, expected_revision=None, direction="in")
    assert _titles(meeting)[:2] == [
        ("1", "Apologies for absence"),
        ("1.1", "Minutes of the last meeting"),
    ]
    minutes.refresh_from_db()
    services.item_move(item=minutes, expected_revision=None, direction="out")
    assert _titles(meeting)[1] == ("2", "Minutes of the last meeting")


def test_moving_the_first_item_up_is_refused_and_changes_nothing(world, meeting):
    first = meeting.items.get(title="Apologies for absence")
    before = _titles(meeting)
    with pytest.raises(ValidationError):
        services.item_move(item=first, expected_revision=None, direction="up")
    assert _titles(meeting) == before


def test_an_item_cannot_move_under_itself_or_its_descendants(world, meeting):
    parent = meeting.items.get(title="Minutes of the last meeting")
    child = add(meeting, "Matters arising", parent=parent)
    with pytest.raises(ValidationError, match="under itself"):
        services.item_move(item=parent, expected_revision=None, parent=child)
    with pytest.raises(ValidationError, match="under itself"):
        services.item_move(item=parent, expected_revision=None, parent=parent)
    child.refresh_from_db()
    assert child.parent_id == parent.id


def test_agendas_are_at_most_three_levels_deep(world, meeting):
    a = meeting.items.get(title="Apologies for absence")
    b = add(meeting, "B", parent=a)
    c = add(meeting, "C", parent=b)
    with pytest.raises(ValidationError, match="three levels"):
        add(meeting, "D", parent=c)


def test_moving_under_a_restricted_item_restricts_the_subtree(world, meeting, secret_item):
    aob = meeting.items.get(title="Any other business")
    services.item_move(item=aob, expected_revision=None, parent=secret_item)
    aob.refresh_from_db()
    assert aob.restricted
    assert [a.short_name for a in services.item_grants(aob)[0]] == ["MOPAC"]


def test_a_stale_edit_is_refused_and_nothing_is_saved(world, meeting):
    seen = meeting.agenda_revision
    item = meeting.items.get(title="Any other business")
    services.item_update(item=item, expected_revision=seen, title="AOB (first edit)")
    item.refresh_from_db()
    with pytest.raises(services.StaleAgenda):
        services.item_update(item=item, expected_revision=seen, title="AOB (stale edit)")
    item.refresh_from_db()
    assert item.title == "AOB (first edit)"


def test_bad_planned_minutes_are_refused(world, meeting):
    with pytest.raises(ValidationError):
        add(meeting, "Too long", planned_minutes=24 * 60 + 1)
    assert not AgendaItem.objects.filter(title="Too long").exists()


def test_paper_upload_checks_size_and_sniffs_the_content(world, meeting):
    item = meeting.items.first()
    paper = services.paper_add(
        item=item, upload=SimpleUploadedFile("report.pdf", PDF, "application/pdf")
    )
    assert paper.content_type == "application/pdf" and paper.size == len(PDF)
    with pytest.raises(ValidationError, match="not a PDF"):
        services.paper_add(
            item=item,
            upload=SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        )
    with pytest.raises(ValidationError, match="must be a"):
        services.paper_add(
            item=item, upload=SimpleUploadedFile("run.exe", b"MZ\x90\x00", "application/pdf")
        )
    big = SimpleUploadedFile("huge.pdf", PDF, "application/pdf")
    big.size = services.MAX_PAPER_BYTES + 1
    with pytest.raises(ValidationError, match="smaller than"):
        services.paper_add(item=item, upload=big)
    assert Paper.objects.count() == 1


def test_public_questions_keep_their_order(world, meeting):
    item = add(meeting, "Public questions", kind=AgendaItem.Kind.PUBLIC_QUESTIONS)
    services.question_add(item=item, question="First?", asked_by="Royal Borough of Greenwich")
    services.question_add(
        item=item, question="Second?", asked_by="Stay Safe East", answered_by=world.chair
    )
    assert [q.asked_by for q in item.questions.all()] == [
        "Royal Borough of Greenwich",
        "Stay Safe East",
    ]
