"""The chair's week through pages only: home lists what waits for them; they comment on the
circulated minutes, approve them at the next meeting (the committee is told), and reword an
action and move its deadline, which the action's history keeps."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from actions import services as actions
from actions.models import Action
from meetings import services as meetings
from minutes import services as minutes
from minutes.models import Minutes, MinutesComment
from tests.agenda_fixtures import at, day_from_today, long_date

from .conftest import open_meeting, sign_in
from .personas import ITEM, meeting_with_secret, next_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING_DAY = day_from_today(7)
NEXT_DAY = day_from_today(35)
NEW_DUE = day_from_today(63)
WORDING = "Write to the Committee with the referral figures"
REWORDED = "Write to the Committee with the referral figures by borough and by month"


def test_chair_works_from_home_comments_and_approves_minutes(world, page, mailroom, clicks):
    meeting = meeting_with_secret(world, MEETING_DAY)
    following = next_meeting(world.committee, NEXT_DAY)
    with time_machine.travel(at(MEETING_DAY, "14:00"), tick=True):
        meetings.meeting_mark_held(meeting=meeting, expected_revision=None)
        minutes.minute_save(
            item=meeting.items.get(title=ITEM),
            by=world.clerk,
            narrative="The MPS presented the referral figures.",
            resolutions=["That the figures be noted."],
            expected_revision=None,
        )
        action, _ = actions.action_create(
            by=world.clerk,
            committee=world.committee,
            description=WORDING,
            owning_agency=world.mps,
            agenda_item=meeting.items.get(title=ITEM),
            due_date=datetime.date.fromisoformat(NEXT_DAY) - datetime.timedelta(days=7),
        )
        minutes.minutes_circulate(meeting=meeting, by=world.clerk)

    # Two days later: the minutes wait on the chair's home page.
    with time_machine.travel(at(day_from_today(9), "09:00"), tick=True):
        sign_in(page, world.chair.email)
        expect(page.locator("#waiting-count")).not_to_have_text("0")
        to_approve = page.locator("#to-approve-list")
        expect(to_approve).to_contain_text(meeting.title)
        clicks(to_approve.get_by_role("link", name=meeting.title), "home: minutes to approve")
        expect(page.locator("h1")).to_contain_text(f"Minutes: {meeting.title}")
        page.get_by_label("Which item is it about?").select_option(label=f"3 {ITEM}")
        page.get_by_label("Your comment").fill("Please add the borough breakdown to 3.1.")
        clicks(page.get_by_role("button", name="Send comment"), "send the comment")
        expect(page.locator("body")).to_contain_text("your comment is recorded")
        assert MinutesComment.objects.get().author == world.chair

    # The next meeting: the chair approves them under its Minutes item.
    with mailroom.clock(at(NEXT_DAY, "10:30")):
        sign_in(page, world.chair.email)
        open_meeting(page, clicks, following.title, world.committee.name)
        clicks(
            page.get_by_role("link", name="Approve earlier minutes at this meeting"),
            "approve earlier minutes",
        )
        clicks(
            page.get_by_role("button", name=f"Approve the minutes of {long_date(MEETING_DAY)}"),
            "approve",
        )
        expect(page.locator("body")).to_contain_text("are approved and locked")

        # From the summary of actions, the chair rewords the action and moves its deadline;
        # the action keeps the old wording in its history.
        clicks(page.get_by_role("link", name=following.title).first, "back to the meeting")
        clicks(page.get_by_role("link", name="Summary of actions", exact=True), "summary")
        clicks(page.get_by_role("link", name=action.reference), "the action")
        clicks(page.get_by_role("link", name="Edit this action"), "edit the action")
        page.get_by_label("What was agreed").fill(REWORDED)
        page.get_by_label("Due date").fill(NEW_DUE)
        clicks(page.get_by_role("button", name="Save changes"), "save the changes")
        expect(page.locator("#description")).to_contain_text(REWORDED)
        history = page.locator("#history")
        expect(history).to_contain_text(WORDING)
        expect(history).to_contain_text(REWORDED)
        expect(history).to_contain_text(world.chair.full_name)
        approved = mailroom.wait(world.lead.email, "Minutes approved")
    assert Minutes.objects.get(meeting=meeting).stage == Minutes.Stage.APPROVED
    action.refresh_from_db()
    assert action.description == REWORDED and action.due_date.isoformat() == NEW_DUE
    assert Action.objects.count() == 1
    assert mailroom.link(approved, r"/minutes/\d+/").endswith(f"/minutes/{meeting.pk}/")
    mailroom.settle()
    assert world.chair.email not in mailroom.recipients("Minutes approved")
    print(f"\nThe chair took {clicks.count} clicks:\n{clicks.report()}")
