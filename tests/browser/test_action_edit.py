"""Issue 14 points 5 and 6 in the browser: the clerk edits an action and its history shows the old
and new wording; an edit made on a stale page is refused, keeping what was typed; the MPS
manager, told by the dashboard who must assign, assigns and reassigns the action."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions import services
from tests.browser.pickers import choose_person
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHAT = "Write to the Committee with the number of CSE referrals by borough"
NEW = "Write to the Committee with the number of CSE referrals by ward"


def _sign_in(page, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


@pytest.fixture
def action(world, meeting):
    created, _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=meeting.items.get(title="Minutes of the last meeting"),
        description=WHAT,
        owning_agency=world.mps,
        due_date=timezone.localdate() - datetime.timedelta(days=3),
        due_text="By the next meeting",
    )
    return created


def test_the_clerk_edits_and_sees_the_history(world, action, page, browser, live_server):
    _sign_in(page, world.clerk.email)
    page.goto(action.get_absolute_url())
    expect(page.locator("#overdue")).to_contain_text("3 days overdue")
    page.get_by_role("link", name="Edit this action").click()
    page.get_by_label("What was agreed").fill(NEW)
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#description")).to_contain_text(NEW)
    history = page.locator("#history")
    expect(history).to_contain_text("changed the wording")
    expect(history).to_contain_text(WHAT)
    expect(history).to_contain_text(NEW)
    expect(history).to_contain_text(world.clerk.full_name)

    # Someone else changes it while the clerk has the form open: the save is refused, the
    # typed wording stays in the form, and saving again (having looked) goes through.
    page.get_by_role("link", name="Edit this action").click()
    page.get_by_label("What was agreed").fill(NEW + ", and by age")
    services.action_assign(by=world.lead, action=action, owner=world.member)
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Someone else changed")
    expect(page.get_by_label("What was agreed")).to_have_value(NEW + ", and by age")
    expect(page.locator("#current")).to_contain_text(world.member.full_name)
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#description")).to_contain_text(NEW + ", and by age")


def test_the_manager_assigns_and_reassigns(world, action, page):
    _sign_in(page, world.manager.email)
    page.goto("/actions/dashboard/")
    expect(page.locator("#who-assigns")).to_contain_text(
        f"{world.lead.full_name}, the lead, must assign it"
    )
    page.goto(action.get_absolute_url())
    choose_person(page, "Assign to", world.member.full_name)
    page.get_by_role("button", name="Save the owner").click()
    expect(page.locator("#owner")).to_contain_text(world.member.full_name)
    choose_person(page, "Assign to", world.lead.full_name)
    page.get_by_role("button", name="Save the owner").click()
    expect(page.locator("#owner")).to_contain_text(world.lead.full_name)
    expect(page.locator("#history")).to_contain_text(world.manager.full_name)
    page.get_by_label("Progress note").fill("Chased the team for the figures.")
    page.get_by_role("button", name="Save the update").click()
    expect(page.locator("#updates")).to_contain_text("Chased the team for the figures.")
