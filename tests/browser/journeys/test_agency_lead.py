"""The MPS lead's week through pages only: the agenda arrives by email and opens; on the day
they record their agency's attendance with a substitute; the action the committee gave the MPS
waits on their home page, they give it an owner, record progress and complete it."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from actions import services as actions
from actions.models import Action
from attendance.models import Invitation
from tests.agenda_fixtures import at, day_from_today
from tests.browser.pickers import choose_person
from tests.factories import person_in

from .conftest import sign_in, sign_in_at, subject_of, text_of, whole
from .personas import ITEM, SECRET, meeting_with_secret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING_DAY = day_from_today(7)
WHAT = "Write to the Committee with the CSE referral figures by borough"


def test_agency_lead_attendance_substitute_and_action(world, page, mailroom, clicks):
    meeting = meeting_with_secret(world, MEETING_DAY)
    stand_in = person_in(world.mps, full_name="James Cleverly", email="james@met.example")

    # The agenda email: what the lead may see, and a link that opens the meeting.
    notice = mailroom.wait(world.lead.email, "Agenda published")
    assert ITEM in text_of(notice) and SECRET not in whole(notice)
    sign_in_at(page, mailroom.link(notice, r"/meetings/\d+/"), world.lead.email)
    agenda = page.locator("#agenda")
    expect(agenda).to_contain_text(ITEM)
    expect(agenda).to_contain_text("Restricted item 4")
    assert SECRET not in page.locator("main").inner_text()

    # The day of the meeting, after it: the chair recorded an action for the MPS.
    with mailroom.clock(at(MEETING_DAY, "12:30")):
        action, _ = actions.action_create(
            by=world.chair,
            committee=world.committee,
            description=WHAT,
            owning_agency=world.mps,
            meeting=meeting,
            agenda_item=meeting.items.get(title=ITEM),
            due_date=datetime.date.fromisoformat(MEETING_DAY) + datetime.timedelta(days=28),
        )
        to_assign = mailroom.wait(world.lead.email, f"Action {action.reference} for")
        assert "needs an owner" in subject_of(to_assign)
        assert mailroom.link(to_assign, r"/actions/\d+/").endswith(action.get_absolute_url())
        sign_in(page, world.lead.email)

        # Attendance waits on home: the lead present, the member sending a substitute.
        clicks(
            page.locator("#to-record-list").get_by_role("link", name=meeting.title),
            "home: attendance to record",
        )
        page.get_by_label(f"Attendance of {world.lead.full_name}").select_option(label="Present")
        clicks(page.get_by_role("button", name="Save attendance"), "save attendance")
        expect(page.locator("body")).to_contain_text("Attendance saved")
        choose_person(  # the searchable picker
            page, "Substituting for", f"{world.member.full_name} (Metropolitan Police Service)"
        )
        choose_person(page, "Substitute", stand_in.full_name)  # the searchable picker
        clicks(page.get_by_role("button", name="Record substitute"), "record the substitute")
        expect(page.locator("body")).to_contain_text(
            f"{stand_in.full_name} recorded as substitute for {world.member.full_name}"
        )
        statuses = dict(
            Invitation.objects.filter(meeting=meeting).values_list("person__email", "status")
        )
        assert statuses[world.lead.email] == "present"
        assert statuses[world.member.email] == "apologies"
        assert statuses[stand_in.email] == "substitute"

        # The action waits on home to be assigned; the lead gives it to the member.
        clicks(page.get_by_role("link", name="Home"), "home")
        clicks(
            page.locator("#to-assign-list").get_by_role("link", name=action.reference),
            "home: action to assign",
        )
        choose_person(page, "Assign to", world.member.full_name)
        clicks(page.get_by_role("button", name="Save the owner"), "save the owner")
        expect(page.locator("#owner")).to_contain_text(world.member.full_name)
        yours = mailroom.wait(world.member.email, f"Action {action.reference} is yours")
        assert WHAT in text_of(yours)

        # Progress, then completion.
        page.get_by_label("Progress note").fill("Figures requested from the boroughs.")
        page.get_by_label("In progress", exact=True).check()
        clicks(page.get_by_role("button", name="Save the update"), "save the update")
        expect(page.locator("#status")).to_have_text("In progress")
        page.get_by_label("Progress note").fill("Letter sent to the Chair with the figures.")
        page.get_by_label("Completed", exact=True).check()
        clicks(page.get_by_role("button", name="Save the update"), "save the update")
        expect(page.locator("#status")).to_have_text("Completed")
        expect(page.locator("#updates")).to_contain_text("Letter sent to the Chair")

    mailroom.settle()
    for message in mailroom.to(world.lead.email):
        assert SECRET not in whole(message), message["Subject"]
    assert mailroom.subjects(world.member.email).count(subject_of(yours)) == 1
    action.refresh_from_db()
    assert action.owner == world.member and action.status == Action.Status.COMPLETED
    print(f"\nThe lead's week took {clicks.count} clicks:\n{clicks.report()}")
