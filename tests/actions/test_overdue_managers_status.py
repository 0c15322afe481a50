"""Issue 14 points 4, 6 and 7: "N days overdue" on the action page, the register (with an obvious
overdue filter), the summary (web and PDF), CSV and digests; managers assign, reassign and record
progress, and dashboards and digests name the lead who must assign; "Not possible (change in
circumstances)" is a status of its own, counted apart from dropped and done."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions import emails, services
from actions.models import Action, ActionUpdate, Delivery, Notification
from actions.summary import meeting_summary
from agencies.models import Membership
from meetings import services as meeting_services
from meetings.models import Meeting
from tests.factories import person_in
from tests.meetings.test_exports import flat, pdf_text

pytestmark = pytest.mark.django_db
S = Action.Status
LATE = "Share the missing-children protocol"
ON_TIME = "Write to the Committee with CSE referrals by borough"


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def made(world, meeting):
    item = meeting.items.get(title="Minutes of the last meeting")

    def make(description, **fields):
        action, _ = services.action_create(
            by=world.clerk,
            committee=world.committee,
            agenda_item=item,
            description=description,
            owning_agency=world.mps,
            **fields,
        )
        return action

    return {
        "late": make(LATE, due_date=_days(-12), due_text="By the summer"),
        "on_time": make(ON_TIME, due_date=_days(5), owner=world.member),
    }


@pytest.fixture
def later(world, meeting):
    m = meeting_services.meeting_create(
        committee=world.committee,
        title="Next meeting",
        starts_at=meeting.starts_at + datetime.timedelta(days=60),
        ends_at=meeting.ends_at + datetime.timedelta(days=60),
        use_template=False,
    )
    Meeting.objects.filter(pk=m.pk).update(status=Meeting.Status.PUBLISHED)
    return m


# --- point 4: overdue shown ---------------------------------------------------------------------


def test_the_action_page_says_how_late_with_the_date_first(world, made, signed_in):
    page = signed_in(world.lead).get(made["late"].get_absolute_url()).content.decode()
    assert "12 days overdue" in page
    due = made["late"].due_date
    assert f"{due.day} {due:%B %Y}<br>" in page and "As promised: By the summer" in page
    assert (
        "overdue"
        not in signed_in(world.lead)
        .get(made["on_time"].get_absolute_url())
        .content.decode()
        .split('id="facts"')[1]
        .split("</dl>")[0]
    )


def test_a_done_action_is_not_overdue(world, made):
    Action.objects.filter(pk=made["late"].pk).update(status=S.COMPLETED)
    made["late"].refresh_from_db()
    assert made["late"].overdue_days() == 0


def test_the_register_shows_lateness_and_an_obvious_overdue_switch(world, made, signed_in):
    client = signed_in(world.lead)
    page = client.get("/actions/?scope=agency").content.decode()
    assert "12 days overdue" in page and "Show overdue actions only" in page
    assert "overdue=on" in page.split('id="overdue-switch"')[1].split("</p>")[0]
    only = client.get("/actions/?scope=agency&overdue=on").content.decode()
    register = only.split('id="register"')[1]
    assert LATE in register and ON_TIME not in register
    assert "Showing overdue actions only" in only


def test_the_csv_has_days_overdue(world, made, signed_in):
    csv = signed_in(world.lead).get(reverse("actions:csv") + "?scope=agency").content.decode()
    header, *rows = csv.strip().splitlines()
    assert header.endswith("Due date,Deadline as promised,Days overdue")
    late = next(row for row in rows if LATE in row)
    assert late.endswith(f"{made['late'].due_date.isoformat()},By the summer,12")


def test_the_summary_web_and_pdf_show_lateness(world, made, later, signed_in):
    client = signed_in(world.lead)
    page = client.get(reverse("actions:summary", args=[later.pk])).content.decode()
    assert "12 days overdue" in page and "(<strong>1</strong> overdue)" in page
    pdf = flat(pdf_text(client.get(reverse("actions:summary_pdf", args=[later.pk])).content))
    assert "12 days overdue" in pdf and "2 outstanding (1 overdue)" in pdf


def _digest(world, action, recipient):
    notification = Notification.objects.create(
        action=action, kind="escalation", level=1, day=timezone.localdate()
    )
    delivery = Delivery.objects.create(notification=notification, recipient=recipient, digest=True)
    return emails.digest(recipient, [delivery], timezone.localdate())


def test_the_digest_says_how_late_and_names_the_lead_who_must_assign(world, made):
    message = _digest(world, made["late"], world.manager)
    assert "12 days overdue" in message.body
    due = made["late"].due_date
    assert f"due {due.day} {due:%B %Y}" in message.body and "By the summer" in message.body
    assert f"{world.lead.full_name}, the lead, must assign it" in message.body
    html = message.alternatives[0][0]
    assert f"{world.lead.full_name}, the lead, must assign it" in html


# --- point 6: managers act ----------------------------------------------------------------------


def test_a_manager_assigns_reassigns_and_records_progress(world, made, signed_in):
    client = signed_in(world.manager)
    action = made["late"]
    page = client.get(action.get_absolute_url()).content.decode()
    assert "/assign/" in page and "/update/" in page
    assert client.post(reverse("actions:assign", args=[action.pk]), {"owner": world.member.pk})
    action.refresh_from_db()
    assert action.owner == world.member
    client.post(reverse("actions:assign", args=[action.pk]), {"owner": world.lead.pk})
    action.refresh_from_db()
    assert action.owner == world.lead
    response = client.post(
        reverse("actions:update", args=[action.pk]),
        {"note": "Chased the team", "status": S.IN_PROGRESS},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == S.IN_PROGRESS
    assert action.updates.last().author == world.manager


def test_a_manager_of_another_agency_may_not(world, made, signed_in):
    other = person_in(world.safer_london, Membership.Role.MANAGER)
    client = signed_in(other)
    action = made["late"]
    assign, update = (reverse(f"actions:{n}", args=[action.pk]) for n in ("assign", "update"))
    assert client.post(assign, {"owner": ""}).status_code == 403
    assert client.post(update, {"note": "x"}).status_code == 403


def test_the_dashboard_names_the_lead_who_must_assign(world, made, signed_in):
    page = signed_in(world.manager).get(reverse("actions:dashboard")).content.decode()
    assert f"{world.lead.full_name}, the lead, must assign it" in page
    assert "unassigned=on" in page
    register = signed_in(world.manager).get("/actions/?scope=agency&unassigned=on")
    body = register.content.decode().split('id="register"')[1]
    assert LATE in body and ON_TIME not in body


# --- point 7: not possible ----------------------------------------------------------------------


def test_officers_mark_not_possible_and_reinstate(world, made, signed_in):
    action = made["late"]
    client = signed_in(world.chair)
    assert (
        "Not possible (change in circumstances)"
        in client.get(action.get_absolute_url()).content.decode()
    )
    response = client.post(
        reverse("actions:update", args=[action.pk]),
        {"note": "The service was decommissioned", "status": S.NOT_POSSIBLE},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == S.NOT_POSSIBLE and action.overdue_days() == 0
    services.action_update(by=world.chair, action=action, status=S.OPEN, note="Back on")
    action.refresh_from_db()
    assert action.status == S.OPEN


def test_owners_may_not_mark_it_not_possible(world, made, signed_in):
    response = signed_in(world.member).post(
        reverse("actions:update", args=[made["on_time"].pk]),
        {"note": "x", "status": S.NOT_POSSIBLE},
    )
    assert response.status_code == 400
    made["on_time"].refresh_from_db()
    assert made["on_time"].status == S.OPEN


def test_not_possible_is_reported_apart_in_summaries_and_counts(
    world, meeting, made, later, signed_in
):
    services.action_update(by=world.chair, action=made["late"], status=S.NOT_POSSIBLE)
    services.action_update(by=world.chair, action=made["on_time"], status=S.DROPPED)
    # Ended after the meeting they came from (the summary reports what ended since it).
    since = meeting.starts_at + datetime.timedelta(days=1)
    Action.objects.update(updated_at=since)
    ActionUpdate.objects.update(created_at=since)
    summary = meeting_summary(world.chair, later)
    assert (summary.outstanding, summary.done, summary.not_possible) == (0, 0, 1)
    assert [row.action for group in summary.groups for row in group.rows] == [made["late"]]
    client = signed_in(world.lead)
    page = client.get(reverse("actions:summary", args=[later.pk])).content.decode()
    assert "<strong>1</strong> not possible (change in circumstances)" in page
    pdf = flat(pdf_text(client.get(reverse("actions:summary_pdf", args=[later.pk])).content))
    assert "0 outstanding, 0 completed, 1 not possible (change in circumstances)" in pdf
    csv = client.get(reverse("actions:csv") + "?scope=agency").content.decode()
    assert "Not possible (change in circumstances)" in csv and "Dropped" in csv
    dashboard = client.get(reverse("actions:dashboard")).content.decode()
    by_status = dashboard.split('id="by-status"')[1].split("</table>")[0]
    assert "Not possible (change in circumstances)" in by_status
