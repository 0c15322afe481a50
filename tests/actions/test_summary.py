"""The Summary of actions for a meeting (page and PDF), as the seed's "Summary List of Actions"
prints it: outstanding actions and those completed since the last meeting, grouped by the meeting
they came from, filtered by who asks, with a query count that does not grow with the actions."""

import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action, ActionUpdate
from actions.summary import meeting_summary, split_source
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from tests.meetings.test_exports import flat, pdf_text

pytestmark = pytest.mark.django_db
S = Action.Status
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
SECRET = "Arrange ISVA support for the survivor who gave testimony"
REPORT = "Keeping London's Children Safe, recommendation 3"


def _meeting(world, title, days, status=Meeting.Status.HELD):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    meeting = meeting_services.meeting_create(
        committee=world.committee,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        use_template=False,
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    return meeting


def _add(meeting, title, **fields):
    meeting.refresh_from_db()
    return meeting_services.item_create(
        meeting=meeting, expected_revision=None, title=title, **fields
    )


class Story:
    """Three meetings of the committee and the actions of the seed's kinds."""


@pytest.fixture
def story(world):
    s = Story()
    s.older = _meeting(world, "Safeguarding and CSE", -90)
    _add(s.older, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES)
    s.cse_item = _add(s.older, "Safeguarding and Child Sexual Exploitation in London")
    s.secret_item = _add(s.older, "Survivor testimony")
    meeting_services.item_restrict(
        item=s.secret_item, expected_revision=None, restricted=True, agencies=[world.mopac]
    )
    s.previous = _meeting(world, "Q&A with the Deputy Mayor", -30)
    _add(s.previous, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES)
    s.qa_item = _add(s.previous, "Question and Answer Session")
    s.lpm_item = _add(s.previous, "Local Policing Model", parent=s.qa_item)
    # Neither a cancelled nor a draft meeting counts as "the last meeting".
    _meeting(world, "Cancelled", -10, Meeting.Status.CANCELLED)
    _meeting(world, "Draft", -5, Meeting.Status.DRAFT)
    s.current = _meeting(world, "Police and Crime Committee", 7, Meeting.Status.PUBLISHED)
    s.current_item = _add(s.current, "Summary List of Actions", kind=AgendaItem.Kind.ACTIONS)

    def make(description, **fields):
        fields.setdefault("owning_agency", world.mps)
        action, _ = services.action_create(
            by=world.clerk, committee=world.committee, description=description, **fields
        )
        return action

    s.outstanding = make(
        "Provide information on existing law relating to emotional abuse",
        agenda_item=s.cse_item,
        status=S.IN_PROGRESS,
        co_agencies=[world.safer_london],
    )
    s.completed = make(
        "Provide details of how the review of the Local Policing Model was undertaken",
        agenda_item=s.lpm_item,
        owner=world.member,
        due_date=timezone.localdate() - datetime.timedelta(days=5),
    )
    services.action_update(
        by=world.member,
        action=s.completed,
        status=S.COMPLETED,
        evidence=SimpleUploadedFile("appendix-1.pdf", PDF),
    )
    s.done_long_ago = make("Confirm the payment by results date", agenda_item=s.qa_item)
    services.action_update(by=world.chair, action=s.done_long_ago, status=S.CLOSED)
    ActionUpdate.objects.filter(action=s.done_long_ago).update(
        created_at=s.previous.starts_at - datetime.timedelta(days=3)
    )
    s.dropped = make("Write about blacklisting", agenda_item=s.qa_item)
    services.action_update(by=world.chair, action=s.dropped, status=S.DROPPED)
    s.new = make("Reported at the next meeting", agenda_item=s.current_item)
    s.report = make(
        "Set up a pan-London CSE problem profile",
        source=REPORT,
        status=S.ONGOING,
        due_text="By January 2015",
    )
    s.imported = make(
        "Provide a summary of prosecutions under Operation Tiberius",
        meeting=s.previous,
        status=S.CLOSED,
    )
    s.letter = make(
        "Respond to the topics not covered at the meeting",
        source="Additional correspondence",
        status=S.ONGOING,
    )
    s.earlier = make(
        "Confirm when payment by results comes into effect",
        source="Meeting of 9 October 2014, minute 5",
        status=S.IN_PROGRESS,
    )
    s.secret = make(SECRET, agenda_item=s.secret_item, owning_agency=world.mopac)
    return s


def _page(client, meeting) -> str:
    response = client.get(reverse("actions:summary", args=[meeting.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _pdf(client, meeting) -> str:
    response = client.get(reverse("actions:summary_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "summary-of-actions.pdf" in response["Content-Disposition"]
    return flat(pdf_text(response.content))


def test_what_is_in_the_summary(world, story):
    summary = meeting_summary(world.chair, story.current)
    assert summary.previous == story.previous
    shown = {row.action for group in summary.groups for row in group.rows}
    assert shown == {
        story.outstanding,
        story.completed,
        story.report,
        story.imported,
        story.letter,
        story.earlier,
        story.secret,
    }
    assert (summary.outstanding, summary.done) == (5, 2)


def test_grouped_by_origin_meeting_newest_first_then_reports(world, story):
    summary = meeting_summary(world.chair, story.current)
    previous_day = timezone.localtime(story.previous.starts_at)
    older_day = timezone.localtime(story.older.starts_at)
    # Meetings newest first, an earlier meeting named by a source in its place by date, then
    # the other sources in the order they were recorded.
    assert [g.heading for g in summary.groups] == [
        f"Meeting of {previous_day.day} {previous_day:%B %Y}",
        f"Meeting of {older_day.day} {older_day:%B %Y}",
        "Meeting of 9 October 2014",
        "Keeping London's Children Safe",
        "Additional correspondence",
    ]
    previous, older, earlier, report, letter = summary.groups
    assert [(r.minute_item, r.action) for r in previous.rows] == [
        ("2.1", story.completed),
        ("", story.imported),
    ]
    assert [(r.minute_item, r.action) for r in older.rows] == [
        ("2", story.outstanding),
        ("3", story.secret),
    ]
    assert [(r.minute_item, r.action) for r in earlier.rows] == [("5", story.earlier)]
    assert [(r.minute_item, r.action) for r in report.rows] == [("Rec. 3", story.report)]
    assert [(r.minute_item, r.action) for r in letter.rows] == [("", story.letter)]
    assert (previous.number_label, earlier.number_label, report.number_label) == (
        "Minute item",
        "Minute item",
        "Recommendation",
    )
    row = older.rows[0]
    assert row.action_by == "Metropolitan Police Service (MPS), Safer London (SL)"
    assert row.deadline == "n/a"
    assert report.rows[0].deadline == "By January 2015"
    due = story.completed.due_date
    assert previous.rows[0].deadline == f"{due.day} {due:%B %Y}"
    assert [u.evidence_name for u in previous.rows[0].evidence] == ["appendix-1.pdf"]
    # Paths are built from one reverse() per page: they must be the ones reverse() gives.
    assert previous.rows[0].url == previous.rows[0].action.get_absolute_url()
    update = previous.rows[0].evidence[0]
    assert update.url == reverse("actions:evidence", args=[update.pk])


def test_with_no_earlier_meeting_every_completed_action_shows(world, story):
    answered, _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        description="Answered long ago",
        owning_agency=world.mps,
        source="Additional correspondence",
    )
    services.action_update(by=world.lead, action=answered, status=S.COMPLETED)
    ActionUpdate.objects.filter(action=answered).update(
        created_at=story.older.starts_at - datetime.timedelta(days=400)
    )
    later = meeting_summary(world.chair, story.current)
    assert answered not in [row.action for g in later.groups for row in g.rows]
    first = meeting_summary(world.chair, story.older)
    assert first.previous is None
    # No demo meeting came before it: only the actions recorded from sources are carried.
    assert [row.action for g in first.groups for row in g.rows] == [
        story.earlier,
        story.report,
        story.letter,
        answered,
    ]


def test_split_source():
    assert split_source(REPORT) == ("Keeping London's Children Safe", "Rec. 3")
    assert split_source("Letter from the Deputy Commissioner") == (
        "Letter from the Deputy Commissioner",
        "",
    )
    assert split_source("") == ("Other actions", "")
    assert split_source("Meeting of 9 October 2014, minute 8") == (
        "Meeting of 9 October 2014",
        "8",
    )
    assert split_source("Complaints about MOPAC, minute item 5.2") == (
        "Complaints about MOPAC",
        "5.2",
    )


def test_page_as_the_chair(world, story, signed_in):
    body = _page(signed_in(world.chair), story.current)
    assert SECRET in body
    assert "Provide information on existing law relating to emotional abuse" in body
    assert "Safeguarding and Child Sexual Exploitation in London" in body
    assert "Metropolitan Police Service (MPS), Safer London (SL)" in body
    assert "appendix-1.pdf" in body and "By January 2015" in body
    assert f'href="{story.outstanding.get_absolute_url()}"' in body
    evidence = ActionUpdate.objects.get(evidence_name="appendix-1.pdf")
    assert f'href="{reverse("actions:evidence", args=[evidence.pk])}">appendix-1.pdf' in body
    assert "Confirm the payment by results date" not in body
    assert "Write about blacklisting" not in body and "Reported at the next meeting" not in body
    assert "<strong>5</strong> outstanding, <strong>2</strong> completed" in body
    assert body.index("Local Policing Model was undertaken") < body.index("emotional abuse")


def test_restricted_actions_are_neither_shown_nor_counted(world, story, signed_in):
    for person in (world.member, world.lead, world.partner_member):
        client = signed_in(person)
        body = _page(client, story.current)
        assert SECRET not in body and "Survivor testimony" not in body
        assert "emotional abuse" in body
        assert "<strong>4</strong> outstanding, <strong>2</strong> completed" in body
        text = _pdf(client, story.current)
        assert "ISVA" not in text and "Survivor" not in text
        assert "4 outstanding, 2 completed" in text


def test_pdf_as_the_chair(world, story, signed_in):
    text = _pdf(signed_in(world.chair), story.current)
    assert "Summary List of Actions" in text
    assert "ISVA support" in text and "5 outstanding, 2 completed" in text
    assert "emotional abuse" in text and "By January 2015" in text
    assert "Keeping London's Children Safe" in text and "Rec. 3" in text
    assert "Evidence: appendix-1.pdf" in text
    assert f"Prepared for {world.chair.full_name}" in text


def test_outsiders_and_hidden_meetings_are_404(world, story, signed_in):
    client = signed_in(world.outsider)
    for name in ("actions:summary", "actions:summary_pdf"):
        assert client.get(reverse(name, args=[story.current.pk])).status_code == 404
    draft = Meeting.objects.get(title="Draft")
    member = signed_in(world.member)
    assert member.get(reverse("actions:summary", args=[draft.pk])).status_code == 404
    assert signed_in(world.chair).get(reverse("actions:summary", args=[draft.pk])).status_code == (
        200
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_fixed_for_10_or_500_actions(world, story, signed_in):
    client = signed_in(world.member)
    page = reverse("actions:summary", args=[story.current.pk])
    pdf = reverse("actions:summary_pdf", args=[story.current.pk])
    origins = [
        (story.older, story.cse_item),
        (story.previous, story.qa_item),
        (story.previous, story.lpm_item),
        (story.older, story.secret_item),
        (None, None),
    ]

    def grow(n, tag):
        made = Action.objects.bulk_create(
            Action(
                committee=world.committee,
                meeting=origins[i % 5][0],
                agenda_item=origins[i % 5][1],
                source="" if origins[i % 5][0] else f"Report {i % 3}, recommendation {i % 8}",
                reference=f"BULK-{tag}-{i}",
                description=f"Bulk action {i}",
                owning_agency=world.mps,
                status=[S.OPEN, S.IN_PROGRESS, S.ONGOING, S.CLOSED][i % 4],
            )
            for i in range(n)
        )
        Action.co_agencies.through.objects.bulk_create(
            Action.co_agencies.through(action_id=a.pk, agency_id=world.safer_london.pk)
            for a in made[::2]
        )
        ActionUpdate.objects.bulk_create(
            ActionUpdate(action=a, note="Letter", evidence=f"evidence/{a.pk}/x/l.pdf")
            for a in made[::3]
        )

    grow(5, "few")
    few = (_count(client, page), _count(client, pdf))
    grow(490, "many")
    assert Action.objects.count() > 500
    assert "Bulk action 489" in _page(client, story.current)
    assert (_count(client, page), _count(client, pdf)) == few
