"""Minutes in the browser: the MPS lead records their agency's attendance; the chair drafts the
minutes (the apologies line comes from that attendance), records an action from a minute,
circulates them; a partner comments; the next meeting approves them and they are locked. A
member of an agency without the grant sees only the restricted item's placeholder."""

import re

import pytest
import time_machine
from playwright.sync_api import expect

from actions.models import Action
from attendance import services as attendance
from attendance.models import Invitation
from meetings import services as meeting_services
from meetings.models import AgendaItem, Meeting
from minutes.models import Minutes, MinutesComment
from tests.agenda_fixtures import MEETING_DAY, add, after_meeting, at, long_date
from tests.browser.conftest import SCREENSHOTS
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET_TEXT = "The panel heard the Kestrel testimony in private."


@pytest.fixture(autouse=True)
def after_both_meetings():
    """The journey runs the day after the next meeting: minutes are taken of a meeting that has
    taken place and approved at one that has begun (the lifecycle follows time)."""
    with time_machine.travel(at(after_meeting(13), "09:00"), tick=True):
        yield


def _sign_in(page, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def _as(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    other = context.new_page()
    other.set_default_timeout(15_000)
    _sign_in(other, user.email)
    return context, other


def _next_meeting(world) -> Meeting:
    nxt = meeting_services.meeting_create(
        committee=world.committee,
        title="Follow-up session",
        starts_at=at(after_meeting(12), "10:00"),
        ends_at=at(after_meeting(12), "12:00"),
        use_template=False,
    )
    add(nxt, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES)
    add(nxt, "Minutes", kind=AgendaItem.Kind.MINUTES)
    Meeting.objects.filter(pk=nxt.pk).update(status=Meeting.Status.PUBLISHED)
    nxt.refresh_from_db()
    return nxt


def _edit_minute(page, number: int, narrative: str, resolutions: str = "") -> None:
    page.get_by_role("link", name=f"Edit the minute of item {number}").click()
    page.get_by_label("What was said").fill(narrative)
    page.get_by_label("Resolved").fill(resolutions)
    page.get_by_role("button", name="Save minute").click()
    page.wait_for_url(re.compile(r"/minutes/\d+/#item-\d+$"))


def test_attendance_minutes_action_circulation_and_approval(
    world, meeting, page, browser, live_server
):
    next_meeting = _next_meeting(world)
    for person in (world.lead, world.member):
        attendance.invitation_add(
            meeting=meeting, by=world.chair, capacity="member", person=person, agency=world.mps
        )

    # The MPS lead records their agency's attendance from the meeting page.
    lead_context, lead = _as(browser, live_server, world.lead)
    lead.goto(meeting.get_absolute_url())
    lead.get_by_role("link", name="Record attendance").click()
    lead.get_by_label(f"Attendance of {world.lead.full_name}").select_option(label="Present")
    lead.get_by_label(f"Attendance of {world.member.full_name}").select_option(label="Apologies")
    lead.get_by_role("button", name="Save attendance").click()
    expect(lead.locator("body")).to_contain_text("Attendance saved for 2 people")
    statuses = dict(Invitation.objects.values_list("person__email", "status"))
    assert statuses == {world.lead.email: "present", world.member.email: "apologies"}
    lead_context.close()

    # The chair starts the minutes: the apologies line is already there, from the attendance.
    _sign_in(page, world.chair.email)
    page.goto(meeting.get_absolute_url())
    assert page.locator("#minutes-stage-tag").inner_text() == "Not started"
    page.get_by_role("link", name="Start the minutes").click()
    minutes = page.locator("#minutes")
    assert f"1.1Apologies for absence were received from {world.member.full_name}." in (
        minutes.inner_text().replace("\n", "")
    )
    _edit_minute(
        page,
        2,
        "The Committee received the minutes of its last meeting.",
        "That the minutes be signed by the Chair as a correct record.",
    )
    _edit_minute(page, 3, SECRET_TEXT, "That the testimony be noted.")
    _edit_minute(
        page,
        4,
        "The MPS undertook to write with the referral figures.\n\nThere was no other business.",
        "(a) That the update be noted; and\n\n(b) That the MPS write to the Committee.",
    )
    text = minutes.inner_text()
    assert "4.1" in text and "4.2" in text and "(b) That the MPS write to the Committee." in text
    assert page.locator("#minutes-stage").inner_text() == "Draft"

    # From the minute of item 4, the chair records the action the MPS promised.
    page.get_by_role("link", name="Record an action on item 4").click()
    page.get_by_label("What was agreed").fill("Write to the Committee with the referral figures")
    page.get_by_label("Owning agency").select_option(label="Metropolitan Police Service")
    page.get_by_role("button", name="Record the action").click()
    page.wait_for_url(re.compile(rf"/minutes/{meeting.pk}/#item-\d+$"))
    action = Action.objects.get(description="Write to the Committee with the referral figures")
    assert action.agenda_item.title == "Any other business" and action.meeting == meeting

    page.get_by_role("button", name="Circulate to members for comment").click()
    assert page.locator("#minutes-stage").inner_text() == "Circulated for comment"

    # A partner reads the circulated minutes (not the restricted one) and comments.
    partner_context, partner = _as(browser, live_server, world.partner_member)
    partner.goto(meeting.get_absolute_url())
    assert partner.locator("#minutes-stage-tag").inner_text() == "Circulated for comment"
    partner.get_by_role("link", name="Read the minutes").click()
    body = partner.locator("#minutes").inner_text()
    assert "Restricted item 3" in body and "Kestrel" not in partner.content()
    partner.get_by_label("Which item is it about?").select_option(label="4 Any other business")
    partner.get_by_label("Your comment").fill("Please say by when the MPS will write.")
    partner.get_by_role("button", name="Send comment").click()
    expect(partner.locator("body")).to_contain_text("your comment is recorded")
    assert MinutesComment.objects.get().author == world.partner_member
    partner_context.close()

    # At the next meeting the chair approves them under its Minutes item; they are locked.
    page.goto(next_meeting.get_absolute_url())
    page.get_by_role("link", name="Approve earlier minutes at this meeting").click()
    page.get_by_role("button", name=f"Approve the minutes of {long_date(MEETING_DAY)}").click()
    expect(page.locator("body")).to_contain_text("are approved and locked")
    assert f"That the minutes of the MOPAC Challenge meeting held on {long_date(MEETING_DAY)}" in (
        page.locator("#minutes").inner_text()
    )
    page.get_by_role("link", name=f"the minutes of {long_date(MEETING_DAY)}").first.click()
    assert page.locator("#minutes-stage").inner_text() == "Approved and locked"
    assert f"meeting of {long_date(after_meeting(12))}" in page.locator("#approved-at").inner_text()
    assert page.get_by_role("link", name="Edit the minute of item 4").count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "minutes_approved_as_chair.png", full_page=True)
    page.get_by_role("link", name="Amend the minute of item 4").click()
    expect(page.locator("body")).to_contain_text("approved and are locked")
    record = Minutes.objects.get(meeting=meeting)
    assert record.stage == Minutes.Stage.APPROVED and record.approved_at_meeting == next_meeting
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
