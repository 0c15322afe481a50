"""The clerk's whole cycle through pages only: create the meeting, build and publish its agenda,
invite the committee, record the meeting as held, write the minutes, circulate them for
comment, and have them approved at the next meeting. Every click is counted.

The test's own clock (and so the live server's) moves to the meeting's day and then to the next
meeting's, as the clerk's weeks would; the session ends with each jump, so the clerk signs in
again (sign-in is not counted: it is not part of the task)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.agenda_fixtures import at, day_from_today, long_date

from .conftest import open_meeting, sign_in, text_of
from .personas import next_meeting, with_standing_agenda

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING_DAY = day_from_today(10)
NEXT_DAY = day_from_today(40)
TITLE = "Tackling violence against women and girls"
ITEM = "Rape and serious sexual offences: the MPS improvement plan"
CLICK_BUDGET = 25


def test_clerk_runs_a_meeting_from_creation_to_approved_minutes(world, page, mailroom, clicks):
    committee = with_standing_agenda(world.committee)
    following = next_meeting(committee, NEXT_DAY)
    committee_people = [world.chair, world.clerk, world.lead, world.member, world.manager]
    committee_people.append(world.partner_member)
    attendees = [world.chair, world.lead, world.member, world.partner_member]
    sign_in(page, world.clerk.email)

    # Create the meeting from the committee page; it starts from the standing agenda.
    clicks(page.get_by_role("link", name=committee.name).first, "home: the committee")
    clicks(page.get_by_role("link", name="Create a meeting"), "create a meeting")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Date").fill(MEETING_DAY)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("12:00")
    clicks(page.get_by_role("button", name="Save"), "save the meeting")
    expect(page.locator("h1")).to_contain_text("Edit the agenda")

    # Build the agenda: one substantive item on top of the standing agenda.
    page.get_by_label("Title").fill(ITEM)
    clicks(page.get_by_role("button", name="Save item"), "save the item")
    expect(page.locator("#agenda-editor")).to_contain_text(ITEM)
    number = page.locator("#agenda-editor tr", has_text=ITEM).locator("th").inner_text()

    # Publish: nobody is invited yet, so publishing invites the committee and sends each
    # person the agenda once (the agency managers too, to be kept informed).
    expect(page.locator("#audience-committee")).to_be_checked()
    clicks(page.get_by_role("button", name="Publish the agenda"), "publish")
    expect(page.locator("body")).to_contain_text("Version 1")
    for person in committee_people:
        notice = mailroom.wait(person.email, "Agenda published")
        assert ITEM in text_of(notice), person.email
    meeting_url = mailroom.link(notice, r"/meetings/\d+/$")

    # The meeting's day, after it ended: mark it held and write its minutes.
    with mailroom.clock(at(MEETING_DAY, "12:30")):
        sign_in(page, world.clerk.email)
        open_meeting(page, clicks, TITLE, committee.name)
        assert page.url.endswith(meeting_url)  # where the agenda email's link goes
        clicks(page.get_by_role("link", name="Edit the agenda"), "agenda editor")
        clicks(page.get_by_role("button", name="Mark as held"), "mark as held")
        expect(page.locator("body")).to_contain_text("marked as held")
        clicks(page.get_by_role("link", name="Start the minutes"), "start the minutes")
        clicks(page.get_by_role("link", name=f"Edit the minute of item {number}"), "the minute")
        page.get_by_label("What was said").fill("The MPS presented its improvement plan.")
        page.get_by_label("Resolved").fill("That the plan be noted.")
        clicks(page.get_by_role("button", name="Save minute"), "save the minute")
        clicks(page.get_by_role("button", name="Circulate to members for comment"), "circulate")
        expect(page.locator("#minutes-stage")).to_have_text("Circulated for comment")
        for person in attendees:
            circulated = mailroom.wait(person.email, "Draft minutes for comment")
            assert "/minutes/" in mailroom.link(circulated, r"/minutes/\d+/")

    # The next meeting: approve them under its Minutes item.
    with mailroom.clock(at(NEXT_DAY, "10:30")):
        sign_in(page, world.clerk.email)
        open_meeting(page, clicks, following.title, committee.name)
        clicks(
            page.get_by_role("link", name="Approve earlier minutes at this meeting"),
            "approve earlier minutes",
        )
        clicks(
            page.get_by_role("button", name=f"Approve the minutes of {long_date(MEETING_DAY)}"),
            "approve",
        )
        expect(page.locator("body")).to_contain_text("are approved and locked")
        for person in attendees:
            mailroom.wait(person.email, "Minutes approved")

    mailroom.settle()
    # The clerk who circulated and approved is not told of their own steps; the manager, not
    # invited to attend, is not asked to comment.
    assert mailroom.recipients("Draft minutes for comment") == {p.email for p in attendees}
    assert mailroom.recipients("Minutes approved") == {p.email for p in attendees}
    for person in committee_people:
        agenda = [
            s
            for s in mailroom.subjects(person.email)
            if s.removeprefix("OFFICIAL-SENSITIVE: ").startswith("Agenda published")
        ]
        assert len(agenda) == 1, (person.email, mailroom.subjects(person.email))
    assert mailroom.to(world.outsider.email) == []
    print(f"\nThe clerk's cycle took {clicks.count} clicks:\n{clicks.report()}")
    assert clicks.count <= CLICK_BUDGET, clicks.report()
