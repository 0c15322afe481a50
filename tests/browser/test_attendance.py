"""Attendance in the browser: the chair watches the meeting page while the MPS lead records
their agency's people, with a substitute; the quorum panel turns quorate without a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from attendance import services
from attendance.models import Invitation
from tests.browser.pickers import choose_person
from tests.factories import PASSWORD, person_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_lead_records_attendance_and_the_quorum_updates_live(
    world, meeting, page, browser, live_server
):
    services.invitations_generate(meeting=meeting, by=world.clerk)
    services.quorum_rule_set(
        committee=world.committee,
        by=world.clerk,
        min_members_present=2,
        required_agencies=[world.mps],
    )
    stand_in = person_in(world.mps, full_name="James Cleverly")

    # The chair keeps the meeting page open; its clock is controlled so the refresh is quick.
    chair_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    chair = chair_context.new_page()
    chair.set_default_timeout(15_000)
    chair.clock.install()
    _sign_in(chair, world.chair)
    chair.goto(meeting.get_absolute_url())
    quorum = chair.locator("#quorum")
    assert "Not quorate" in quorum.inner_text()
    assert "Metropolitan Police Service" in quorum.inner_text()

    # The lead records the MPS people: themselves present, the member with a substitute.
    lead = page
    _sign_in(lead, world.lead)
    lead.goto(meeting.get_absolute_url())
    lead.get_by_role("link", name="Record attendance").click()
    assert lead.get_by_label(f"Attendance of {world.partner_member.full_name}").count() == 0
    lead.get_by_label(f"Attendance of {world.lead.full_name}").select_option(label="Present")
    lead.get_by_label(f"{world.lead.full_name} arrived late at").fill("10:20")
    lead.get_by_role("button", name="Save attendance").click()
    expect(lead.locator("body")).to_contain_text("Attendance saved for 1 people")
    choose_person(
        lead, "Substituting for", f"{world.member.full_name} (Metropolitan Police Service)"
    )
    choose_person(lead, "Substitute", "James Cleverly")
    lead.get_by_role("button", name="Record substitute").click()
    expect(lead.locator("body")).to_contain_text(
        f"James Cleverly recorded as substitute for {world.member.full_name}"
    )
    statuses = dict(
        Invitation.objects.filter(meeting=meeting).values_list("person__email", "status")
    )
    assert statuses[world.lead.email] == "present"
    assert statuses[world.member.email] == "apologies"
    assert statuses[stand_in.email] == "substitute"

    # Without reloading, the chair's panel catches up.
    chair.clock.run_for(16_000)
    # A function, not a bare expression: Playwright evaluates an expression with eval, which
    # the Content-Security-Policy refuses.
    chair.wait_for_function(
        "() => document.querySelector('#quorum').innerText.includes('Quorate') && "
        "!document.querySelector('#quorum').innerText.includes('Not quorate')"
    )
    assert "2 members present of 2 needed" in quorum.inner_text()
    chair_context.close()
