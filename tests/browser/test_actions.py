"""An action from a minute to closed, in the browser: the chair records it from the minute of
an agenda item, the MPS lead assigns it, the member reports progress with the answering letter
and completes it, the chair closes it. A member of an agency without the grant never sees a
restricted item's action."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from actions.models import Action
from tests.agenda_fixtures import after_meeting, at
from tests.browser.pickers import choose_person
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
WHAT = "Write to the Committee with the number of CSE referrals by borough"
SECRET_ACTION = "Arrange ISVA support for the survivor who gave testimony"


@pytest.fixture(autouse=True)
def after_the_meeting():
    """The journey runs the day after the meeting: its minutes are taken once it has begun."""
    with time_machine.travel(at(after_meeting(1), "09:00"), tick=True):
        yield


def _sign_in(page, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def _as(browser, live_server, user):
    """A separate browser context signed in as someone else."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    other = context.new_page()
    other.set_default_timeout(15_000)
    _sign_in(other, user.email)
    return context, other


def _fill(
    page, description: str, due: datetime.date, agency: str = "Metropolitan Police Service"
) -> None:
    page.get_by_label("What was agreed").fill(description)
    page.get_by_label("Owning agency").select_option(label=agency)
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_label("Deadline as promised").fill("By the next meeting")
    page.get_by_role("button", name="Record the action").click()


def _record_from_minute(page, meeting, number: int, description: str, due) -> None:
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Start the minutes").click()
    page.get_by_role("link", name=f"Record an action on item {number}").click()
    _fill(page, description, due)
    # Back in the minutes, at the minute the action was recorded from.
    page.wait_for_url(re.compile(rf"/minutes/{meeting.pk}/#item-\d+$"))
    assert "recorded." in page.locator(".govuk-notification-banner").first.inner_text()


def _record(page, meeting, number: int, description: str, due: datetime.date, agency: str) -> None:
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name=f"Record an action on item {number}").click()
    _fill(page, description, due, agency)
    # Back on the meeting page, at the item the action was recorded on.
    page.wait_for_url(re.compile(rf"{meeting.get_absolute_url()}#item-\d+$"))
    assert "recorded." in page.locator(".govuk-notification-banner").first.inner_text()


def test_an_action_goes_from_a_minute_to_closed(world, meeting, page, browser, live_server):
    due = timezone.localdate() + datetime.timedelta(days=14)

    # The chair records an action from the minute of item 2, and one on the restricted item 3
    # from the agenda.
    _sign_in(page, world.chair.email)
    _record_from_minute(page, meeting, 2, WHAT, due)
    # Item 3 is granted to MOPAC alone: only an agency granted it may own its action.
    _record(page, meeting, 3, SECRET_ACTION, due, "Mayor's Office for Policing and Crime")
    action = Action.objects.get(description=WHAT)
    assert action.agenda_item.title == "Minutes of the last meeting"
    assert action.owner is None and action.due_text == "By the next meeting"
    secret = Action.objects.get(description=SECRET_ACTION)

    # The MPS lead finds it unassigned in the agency's register and assigns it to the member.
    lead_context, lead = _as(browser, live_server, world.lead)
    lead.goto("/actions/?scope=agency")
    register = lead.locator("#register").inner_text()
    assert WHAT in register and "Unassigned" in register
    assert SECRET_ACTION not in lead.content()
    lead.get_by_role("link", name=action.reference).click()
    choose_person(lead, "Assign to", world.member.full_name)
    lead.get_by_role("button", name="Save the owner").click()
    assert world.member.full_name in lead.locator("#owner").inner_text()
    lead_context.close()

    # The member reports progress with the answering letter and marks it completed.
    member_context, member = _as(browser, live_server, world.member)
    member.goto("/actions/?scope=mine")
    member.get_by_role("link", name=action.reference).click()
    member.get_by_label("Progress note").fill("Letter sent to the Chair with the figures.")
    member.get_by_label("Completed", exact=True).check()
    member.get_by_label("Evidence (optional)").set_input_files(
        files=[{"name": "letter-to-the-chair.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    member.get_by_role("button", name="Save the update").click()
    assert member.locator("#status").inner_text() == "Completed"
    assert "letter-to-the-chair.pdf" in member.locator("#updates").inner_text()
    with member.expect_download() as download:
        member.get_by_role("link", name="letter-to-the-chair.pdf").click()
    assert download.value.suggested_filename == "letter-to-the-chair.pdf"

    # The member's agency has no grant to item 3: its action is nowhere to be seen.
    member.goto("/actions/?scope=all")
    assert WHAT in member.locator("#register").inner_text()
    assert SECRET_ACTION not in member.content()
    member.goto(f"/actions/summary/{meeting.pk}/")
    assert SECRET_ACTION not in member.content()
    response = member.goto(secret.get_absolute_url())
    assert response.status == 404
    member.goto(meeting.get_absolute_url())
    assert "Restricted item 3" in member.locator("#agenda").inner_text()
    assert SECRET_ACTION not in member.content()
    member_context.close()

    # The chair accepts it as done.
    page.goto(action.get_absolute_url())
    page.get_by_label("Closed (accepted as done)").check()
    page.get_by_label("Progress note").fill("Accepted by the Committee.")
    page.get_by_role("button", name="Save the update").click()
    assert page.locator("#status").inner_text() == "Closed"
    action.refresh_from_db()
    assert action.status == Action.Status.CLOSED
    assert [(u.status_from, u.status_to) for u in action.updates.exclude(status_to="")] == [
        (Action.Status.OPEN, Action.Status.COMPLETED),
        (Action.Status.COMPLETED, Action.Status.CLOSED),
    ]
