"""The chair's week through pages only: home lists what waits for them; they comment on the
circulated minutes, approve them at the next meeting, and the committee is told."""

from __future__ import annotations

import pytest
import time_machine
from playwright.sync_api import expect

from meetings import services as meetings
from minutes import services as minutes
from minutes.models import Minutes, MinutesComment
from tests.agenda_fixtures import at, day_from_today, long_date

from .conftest import open_meeting, sign_in
from .personas import ITEM, meeting_with_secret, next_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING_DAY = day_from_today(7)
NEXT_DAY = day_from_today(35)


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
    with time_machine.travel(at(NEXT_DAY, "10:30"), tick=True):
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
    assert Minutes.objects.get(meeting=meeting).stage == Minutes.Stage.APPROVED
    print(f"\nThe chair took {clicks.count} clicks:\n{clicks.report()}")
