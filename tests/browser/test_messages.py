"""In-app messages in the browser: the lead records an unassigned action's owner from the
lead's message, the member sees the unread count in the header, reads the message, follows its
link and marks it read; someone else sees none of it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions import services
from tests.browser.pickers import choose_person
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHAT = "Write to the Committee with the number of CSE referrals by borough"


def _sign_in(page, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_messages_tell_the_lead_to_assign_and_the_member_that_it_is_theirs(
    world, meeting, page, browser, live_server
):
    due = timezone.localdate() + datetime.timedelta(days=21)
    action, _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        description=WHAT,
        owning_agency=world.mps,
        due_date=due,
    )

    # The lead is told to assign it: the header counts the message, the list links to it.
    _sign_in(page, world.lead.email)
    messages_link = page.get_by_test_id("messages-link")
    expect(messages_link).to_contain_text("1 unread")
    messages_link.click()
    expect(page.locator("main")).to_contain_text(f"Action {action.reference} for")
    expect(page.locator("main")).to_contain_text("Please assign it to someone in")
    page.get_by_role("link", name=re.compile(f"Open.*{action.reference}")).click()
    choose_person(page, "Assign to", world.member.full_name)
    page.get_by_role("button", name="Save the owner").click()
    expect(page.locator("#owner")).to_contain_text(world.member.full_name)
    page.goto("/messages/")
    page.get_by_role("button", name=re.compile("Mark as read")).click()
    expect(page.locator("main")).not_to_contain_text("Unread")
    expect(page.get_by_test_id("messages-link")).not_to_contain_text("unread")
    page.context.clear_cookies()

    # The member is told the action is theirs, with its deadline and what to do.
    _sign_in(page, world.member.email)
    expect(page.get_by_test_id("messages-link")).to_contain_text("1 unread")
    page.get_by_test_id("messages-link").click()
    deadline = f"{due.day} {due:%B %Y}"
    item = page.locator(".app-message").first
    expect(item).to_contain_text(f"Action {action.reference} is yours, due {deadline}")
    expect(item).to_contain_text(f"Please record your progress by {deadline}")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_test_id("messages-link")).not_to_contain_text("unread")
    page.get_by_role("link", name=re.compile(f"Open.*{action.reference}")).click()
    expect(page).to_have_url(re.compile(rf"/actions/{action.pk}/$"))
    page.context.clear_cookies()

    # Someone from another agency has no messages.
    _sign_in(page, world.outsider.email)
    page.get_by_test_id("messages-link").click()
    expect(page.locator("main")).to_contain_text("You have no messages.")
