"""The accessibility problems known when issue 16 was written, each with its test: the
attendance page reflows at 320 CSS px, and the quorum panel's live region speaks only when the
quorum changes (not at every refresh)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from attendance import services as attendance_services

from .a11y import new_context
from .conftest import watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("persona", ["chair", "lead"])
def test_the_attendance_page_reflows_at_320_pixels(world, meeting, browser, live_server, persona):
    attendance_services.invitations_generate(meeting=meeting, by=world.clerk)
    context = new_context(
        browser, live_server, getattr(world, persona), viewport={"width": 320, "height": 640}
    )
    refused = watch_csp(context)
    page = context.new_page()
    page.goto(reverse("attendance:meeting", args=[meeting.pk]))
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    widths = page.evaluate(
        """() => [document.documentElement.scrollWidth,
                  ...[...document.querySelectorAll('main *')]
                     .filter(e => e.getBoundingClientRect().right > 321)
                     .slice(0, 5).map(e => e.tagName + '.' + e.className)]"""
    )
    context.close()
    assert widths[0] <= 320, widths
    assert refused == []


def test_the_quorum_panel_speaks_only_when_the_quorum_changes(world, meeting, browser, live_server):
    invitations = attendance_services.invitations_generate(meeting=meeting, by=world.clerk)
    attendance_services.quorum_rule_set(
        committee=world.committee, by=world.clerk, min_members_present=1, required_agencies=[]
    )
    context = new_context(browser, live_server, world.chair)
    refused = watch_csp(context)
    page = context.new_page()
    page.clock.install()
    page.goto(meeting.get_absolute_url())
    assert page.locator("#quorum").get_attribute("aria-live") == "polite"
    page.evaluate(
        """() => { window.changes = 0;
                   new MutationObserver(m => { window.changes += m.length; }).observe(
                     document.querySelector('#quorum'),
                     {subtree: true, childList: true, characterData: true, attributes: true}); }"""
    )
    for _ in range(3):  # three refreshes, nothing changed: the live region stays silent
        with page.expect_response(lambda r: "/quorum" in r.url):
            page.clock.run_for(16_000)
        page.wait_for_timeout(300)  # real time, for the answer to be rendered
    assert page.evaluate("window.changes") == 0
    lead = next(i for i in invitations if i.person_id == world.lead.pk)
    attendance_services.attendance_record(invitation=lead, by=world.lead, status="present")
    page.clock.run_for(16_000)
    page.wait_for_function("() => document.querySelector('#quorum').innerText.includes('Quorate')")
    assert page.evaluate("window.changes") > 0
    context.close()
    assert refused == []
