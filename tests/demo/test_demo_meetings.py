"""load_demo's seed meetings: faithful to the seed documents, restricted where they must be,
and idempotent."""

import ast
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from guardian.shortcuts import get_groups_with_perms

from agencies.models import Agency, User
from meetings.access import meeting_viewer
from meetings.models import (
    AgendaItem,
    AgendaNotice,
    AgendaVersion,
    Committee,
    Meeting,
    PublicQuestion,
)
from meetings.selectors import agenda_for

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")

PCC_8_JAN_2015 = [
    ("1", "Apologies for Absence and Chair's Announcements", "apologies"),
    ("2", "Declaration of Interests", "declarations"),
    ("3", "Minutes", "minutes"),
    ("4", "Summary List of Actions", "actions"),
    ("5", "Youth Re-offending and Resettlement", "substantive"),
    ("6", "The Diversity of the Met's Frontline", "substantive"),
    ("7", "Police and Crime Committee Work Programme", "substantive"),
    ("8", "Date of Next Meeting", "next_meeting"),
    ("9", "Any Other Business the Chair Considers Urgent", "aob"),
]


@pytest.fixture
def demo():
    call_command("load_demo", password="x", stdout=StringIO())


def _meeting(short_name: str, *when: int) -> Meeting:
    return Meeting.objects.get(
        committee__short_name=short_name, starts_at=datetime(*when, tzinfo=LONDON)
    )


def _person(email: str) -> User:
    return User.objects.get(email=email)


def _officer() -> User:
    return _person("joanne.mccartney@gla.example")


def test_pcc_8_january_2015_has_the_nine_items_of_the_agenda_in_order(demo):
    meeting = _meeting("pcc", 2015, 1, 8, 10, 0)
    assert meeting.ends_at > meeting.starts_at
    assert "City Hall, The Queen's Walk, London, SE1 2AA" in meeting.location
    agenda = agenda_for(meeting_viewer(_officer(), meeting))
    top = [row for row in agenda.rows if row.depth == 0]
    assert [(row.number, row.label, row.kind) for row in top] == PCC_8_JAN_2015
    actions = top[3].item
    assert actions.recommendation.startswith("That the Committee notes the outstanding")
    assert list(actions.presenters.values_list("email", flat=True)) == [
        "joanna.brown@gla.example",
        "teresa.young@gla.example",
    ]
    assert top[6].item.recommendation.startswith("That the Committee notes the work programme")


def test_pcc_item_5_has_the_two_panels_of_guests(demo):
    meeting = _meeting("pcc", 2015, 1, 8, 10, 0)
    item = AgendaItem.objects.get(meeting=meeting, title="Youth Re-offending and Resettlement")
    assert item.recommendation == (
        "That the Committee notes the report and puts questions to the invited guests on youth "
        "reoffending and re-settlement."
    )
    assert [p.full_name for p in item.presenters.all()] == ["Becky Short"]
    panels = list(item.children.order_by("position"))
    assert [p.title for p in panels] == ["Panel 1", "Panel 2"]
    assert {p.full_name for p in panels[0].presenters.all()} == {
        "Tim Bateman",
        "Alex Newbury",
        "Graham Robb",
        "Lisa Harvey-Messina",
    }
    assert {p.full_name for p in panels[1].presenters.all()} == {
        "Glen Knight",
        "Evan Jones",
        "Loretta Albertini",
        "Helen Dyson",
    }
    rows = {row.id: row for row in agenda_for(meeting_viewer(_officer(), meeting)).rows}
    assert [rows[p.id].number for p in panels] == ["5.1", "5.2"]
    assert [rows[p.id].starts_at.astimezone(LONDON).hour for p in panels] == [10, 11]


def test_the_meeting_of_4_december_2014_is_there_as_its_minutes_record(demo):
    meeting = _meeting("pcc", 2014, 12, 4, 10, 0)
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    titles = list(
        meeting.items.filter(parent=None).order_by("position").values_list("title", flat=True)
    )
    assert len(titles) == 9
    assert titles[4] == "Safeguarding and Child Sexual Exploitation in London"
    safeguarding = meeting.items.get(title=titles[4])
    assert safeguarding.children.count() == 2


def test_every_seed_meeting_is_published_as_version_1(demo):
    assert Meeting.objects.count() == 4
    for meeting in Meeting.objects.all():
        assert meeting.status != Meeting.Status.DRAFT
        version = meeting.versions.get()
        assert version.number == 1
        assert len(version.snapshot) == meeting.items.count()
        assert meeting.chairs.filter(pk=version.published_by_id).exists()


def test_mopac_challenge_themed_sections_have_their_lead_agencies(demo):
    meeting = _meeting("mopac-ch", 2015, 6, 10, 16, 0)
    leads = dict(
        meeting.items.filter(lead_agency__isnull=False).values_list(
            "title", "lead_agency__short_name"
        )
    )
    assert leads == {
        "Child sexual exploitation in London: the data": "MOPAC",
        "Peer-on-peer exploitation and a contextual response": "MSU",
        "Services for victims and prevention in schools": "SAFER-LONDON",
        "The London response: the London Safeguarding Children Board": "LSCB",
        "The Metropolitan Police Service response": "MPS",
        "The health response": "NHSE",
        "The local authority response: Croydon": "LB-CROYDON",
    }
    presentation = meeting.items.get(kind=AgendaItem.Kind.PRESENTATION)
    assert [p.full_name for p in presentation.presenters.all()] == ["Marie Snelling"]
    for item in meeting.items.filter(lead_agency__isnull=False):
        assert item.presenters.exists(), item.title


def test_justice_matters_has_co_chairs_two_parts_and_timed_items(demo):
    meeting = _meeting("jm", 2016, 11, 28, 10, 30)
    assert {u.full_name for u in meeting.chairs.all()} == {"Sophie Linden", "Marai Larsi"}
    parts = list(meeting.items.filter(kind=AgendaItem.Kind.PART).order_by("position"))
    assert [p.title for p in parts] == [
        "Part One: Supporting survivors of sexual violence",
        "Part Two: Targeted prevention - Keeping children safe",
    ]
    assert all(p.children.count() >= 4 for p in parts)
    leaves = meeting.items.filter(children__isnull=True)
    assert all(item.planned_minutes for item in leaves)
    agenda = agenda_for(meeting_viewer(_person("sophie.linden@mopac.example"), meeting))
    assert agenda.ends_at == meeting.ends_at
    testimony = meeting.items.get(title="Survivor's testimony")
    assert testimony.planned_minutes == 5
    assert testimony.parent == parts[0]


def test_justice_matters_public_questions_record_who_sent_them(demo):
    meeting = _meeting("jm", 2016, 11, 28, 10, 30)
    questions = list(PublicQuestion.objects.filter(item__meeting=meeting).order_by("position"))
    assert [(q.asked_by, q.asked_by_agency.short_name) for q in questions] == [
        ("Royal Borough of Greenwich", "RB-GREENWICH"),
        ("Stay Safe East", "STAY-SAFE-EAST"),
    ]
    assert [q.answered_by.full_name for q in questions] == ["Sarah Maclaren", "Stuart Cundy"]
    assert "Contact Orders" in questions[0].question
    assert "disabled women" in questions[1].question
    assert questions[0].item.kind == AgendaItem.Kind.PUBLIC_QUESTIONS


def test_the_survivors_testimony_is_restricted_to_mopac(demo):
    meeting = _meeting("jm", 2016, 11, 28, 10, 30)
    item = meeting.items.get(title="Survivor's testimony")
    assert item.restricted
    mopac = Agency.objects.get(short_name="MOPAC")
    assert get_groups_with_perms(item, attach_perms=True) == {mopac.group: ["view_agendaitem"]}
    assert not item.agendaitemuserobjectpermission_set.exists()


def test_a_partner_without_the_grant_sees_a_placeholder(demo):
    meeting = _meeting("jm", 2016, 11, 28, 10, 30)
    item = meeting.items.get(title="Survivor's testimony")
    george = _person("george.curtis@msunderstood.example")
    assert meeting.committee.member_agencies.filter(short_name="MSU").exists()
    assert george.memberships.filter(agency__short_name="MSU").exists()

    theirs = {row.id: row for row in agenda_for(meeting_viewer(george, meeting)).rows}
    assert len(theirs) == meeting.items.count()
    row = theirs[item.id]
    assert row.item is None
    assert row.label == f"Restricted item {row.number}"
    assert theirs[item.parent_id].label == item.parent.title  # the rest is open to them

    mopac_person = _person("rebecca.lawrence@mopac.example")
    assert not Committee.objects.filter(chairs=mopac_person).exists()
    mine = {r.id: r for r in agenda_for(meeting_viewer(mopac_person, meeting)).rows}
    assert mine[item.id].item == item
    assert mine[item.id].label == "Survivor's testimony"

    co_chair = _person("marai.larsi@imkaan.example")
    assert {r.id: r for r in agenda_for(meeting_viewer(co_chair, meeting)).rows}[
        item.id
    ].item == item


def test_the_survivor_is_never_named(demo):
    texts = AgendaItem.objects.values_list("title", "description", "recommendation")
    assert not any("Chris" in text for row in texts for text in row)


def test_committees_have_standing_agendas(demo):
    for committee in Committee.objects.all():
        assert committee.standing_agenda, committee.short_name
        for row in committee.standing_agenda:
            assert set(row) == {"title", "kind", "planned_minutes", "children"}
    pcc = Committee.objects.get(short_name="pcc")
    kinds = [row["kind"] for row in pcc.standing_agenda]
    assert kinds[:4] == ["apologies", "declarations", "minutes", "actions"]
    assert kinds[-2:] == ["next_meeting", "aob"]


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Meeting, AgendaItem, PublicQuestion, AgendaVersion)
    }


def test_running_load_demo_twice_changes_nothing(demo):
    first = _counts()
    revisions = dict(Meeting.objects.values_list("id", "agenda_revision"))
    standing = dict(Committee.objects.values_list("id", "standing_agenda"))
    assert first["Meeting"] == 4
    out = StringIO()
    call_command("load_demo", password="x", stdout=out)
    assert _counts() == first
    assert dict(Meeting.objects.values_list("id", "agenda_revision")) == revisions
    assert dict(Committee.objects.values_list("id", "standing_agenda")) == standing
    assert f"Loaded 4 meetings with {first['AgendaItem']} agenda items." in out.getvalue()


def test_the_seed_agendas_are_published_without_emailing_anyone(django_capture_on_commit_callbacks):
    # agenda_publish queues the notices; the demo records them as sent when the agenda was.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", password="x", skip_sign_ins=True, stdout=StringIO())
    assert [
        m.subject
        for m in mail.outbox
        if m.subject.removeprefix("OFFICIAL-SENSITIVE: ").startswith("Agenda")
    ] == []
    notices = AgendaNotice.objects.all()
    assert notices.exists()
    assert not notices.filter(sent_at__isnull=True).exists()


def test_the_demo_writes_no_meeting_status_directly():
    """Statuses move through the meetings services, never by update(status=...)."""
    demo_dir = Path(__file__).resolve().parents[2] / "demo"
    wrong = [
        f"{path.name}:{node.lineno}"
        for path in sorted(demo_dir.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "update"
        and any(k.arg == "status" for k in node.keywords)
    ]
    assert wrong == []


def test_the_police_and_crime_committee_meets_in_public_with_part_b_exempt(demo, client):
    """Issue #17: the demo's public case. Part B of 4 December 2014 is exempt (paragraph 7);
    the public page of that meeting names the paragraph and nothing of Part B."""
    meeting = _meeting("pcc", 2014, 12, 4, 10, 0)
    assert meeting.committee.is_public
    part_b = meeting.items.get(title__startswith="Part B")
    assert part_b.restricted and part_b.exempt_paragraph == 7
    page = client.get(f"/public/meetings/{meeting.pk}/").content.decode()
    assert "Exempt item: not for publication, Schedule 12A paragraph 7" in page
    assert "Part A: Safeguarding children in London" in page
    assert "Part B" not in page and "Suzanne Elwick" not in page
    assert f"/public/meetings/{meeting.pk}/" in client.get("/public/").content.decode()
