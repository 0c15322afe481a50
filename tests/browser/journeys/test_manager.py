"""The MPS manager acts on an escalation through pages only: the beat escalates an unassigned
action ten days overdue to the agency's managers in their daily digest; the manager opens its
link, assigns the action to a member, and records progress; the member is told it is theirs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions import services as actions
from actions.models import Action
from meetings import services as meetings
from meetings.models import Meeting
from tests.agenda_fixtures import at, day_from_today
from tests.browser.pickers import choose_person

from .conftest import sign_in_at, text_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHAT = "Write to the Committee with the number of CSE referrals by borough"


def _overdue_action(world, days_late: int) -> Action:
    """An unassigned MPS action from a meeting held a month ago, `days_late` days overdue."""
    held = day_from_today(-30)
    meeting = meetings.meeting_create(
        committee=world.committee,
        title="Justice Matters: exploitation",
        starts_at=at(held, "10:00"),
        ends_at=at(held, "12:00"),
        use_template=False,
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    action, _ = actions.action_create(
        by=world.clerk,
        committee=world.committee,
        description=WHAT,
        owning_agency=world.mps,
        meeting=meeting,
        due_date=timezone.localdate() - datetime.timedelta(days=days_late),
    )
    return action


def test_manager_assigns_an_escalated_action_and_records_progress(world, page, mailroom, clicks):
    action = _overdue_action(world, days_late=10)
    mailroom.start_beat()

    # The digest names the action and how late it is, and links to it.
    digest = mailroom.wait(world.manager.email, "Overdue actions")
    body = text_of(digest)
    assert action.reference in body and "days overdue" in body and WHAT in body
    # It names who should have acted: the lead, who must assign it.
    assert f"(unassigned: {world.lead.full_name}, the lead, must assign it)" in body
    sign_in_at(page, mailroom.link(digest, rf"/actions/{action.pk}/"), world.manager.email)
    expect(page.locator("#owner")).to_contain_text("Unassigned")

    # The manager gives it to the member and records where it stands.
    choose_person(page, "Assign to", world.member.full_name)
    clicks(page.get_by_role("button", name="Save the owner"), "save the owner")
    expect(page.locator("#owner")).to_contain_text(world.member.full_name)
    yours = mailroom.wait(world.member.email, f"Action {action.reference} is yours")
    assert WHAT in text_of(yours)
    page.get_by_label("Progress note").fill("Assigned to the borough lead; figures due Friday.")
    page.get_by_label("In progress", exact=True).check()
    clicks(page.get_by_role("button", name="Save the update"), "save the update")
    expect(page.locator("#status")).to_have_text("In progress")
    expect(page.locator("#updates")).to_contain_text("figures due Friday")

    action.refresh_from_db()
    assert action.owner == world.member and action.status == Action.Status.IN_PROGRESS
    # One digest, however many sweeps ran while the manager worked.
    mailroom.settle()
    assert [s for s in mailroom.subjects(world.manager.email) if "Overdue" in s] == [
        "Overdue actions: 1 needs your attention"
    ]
    print(f"\nThe manager took {clicks.count} clicks:\n{clicks.report()}")
