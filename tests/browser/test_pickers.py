"""The searchable people pickers and the lead's attendance page, in the browser: presenters are
found by typing and removed with a button; the lead sees their own agency first, everyone else
collapsed; without JavaScript the plain selects still work (the server sees the same fields)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from actions import services as action_services
from attendance import services as attendance_services
from meetings.models import AgendaItem
from tests.browser.pickers import choose_person
from tests.factories import person_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(browser, live_server, user, **options):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_clerk_chooses_presenters_by_typing_and_removes_one(world, meeting, browser, live_server):
    item = meeting.items.get(kind=AgendaItem.Kind.AOB)
    context, page = _as(browser, live_server, world.clerk)
    page.goto(f"/meetings/items/{item.pk}/")
    # Not a tall multi-select: a search field labelled Presenters.
    expect(page.get_by_role("combobox", name="Presenters")).to_be_visible()
    choose_person(page, "Presenters", world.lead.full_name)
    choose_person(page, "Presenters", world.partner_member.full_name)
    chosen = page.locator(".app-picker__chosen")
    expect(chosen).to_contain_text(world.lead.full_name)
    expect(chosen).to_contain_text(world.partner_member.full_name)
    page.get_by_role("button", name=f"Remove {world.partner_member.full_name}").click()
    expect(chosen).not_to_contain_text(world.partner_member.full_name)
    page.get_by_role("button", name="Save item").click()
    expect(page.locator("body")).to_contain_text(item.title)
    item.refresh_from_db()
    assert list(item.presenters.all()) == [world.lead]
    context.close()


def test_without_javascript_the_picker_is_a_plain_select(world, meeting, browser, live_server):
    item = meeting.items.get(kind=AgendaItem.Kind.AOB)
    context, page = _as(browser, live_server, world.clerk, java_script_enabled=False)
    page.goto(f"/meetings/items/{item.pk}/")
    page.get_by_label("Presenters").select_option(label=world.lead.full_name)
    page.get_by_role("button", name="Save item").click()
    item.refresh_from_db()
    assert list(item.presenters.all()) == [world.lead]
    context.close()


def test_lead_sees_own_agency_first_and_others_collapsed(world, meeting, browser, live_server):
    attendance_services.invitations_generate(meeting=meeting, by=world.clerk)
    context, page = _as(browser, live_server, world.lead, viewport={"width": 320, "height": 640})
    page.goto(f"/attendance/meetings/{meeting.pk}/")
    own = page.locator("#own-agency")
    expect(own).to_contain_text("Your agency: Metropolitan Police Service")
    expect(own).to_contain_text(world.member.full_name)
    expect(own).not_to_contain_text(world.partner_member.full_name)
    others = page.locator("details#others")
    expect(others.get_by_text(world.partner_member.full_name)).to_be_hidden()
    others.locator("summary").click()
    expect(others.get_by_text(world.partner_member.full_name)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_a_name_is_shown_as_text_never_as_markup(world, meeting, browser, live_server):
    person_in(world.mps, full_name='<img id="injected" src="x"> Evil Person')
    item = meeting.items.get(kind=AgendaItem.Kind.AOB)
    context, page = _as(browser, live_server, world.clerk)
    page.goto(f"/meetings/items/{item.pk}/")
    page.get_by_label("Presenters", exact=True).fill("Evil")
    expect(page.locator(".autocomplete__option").first).to_contain_text('<img id="injected"')
    assert page.locator("#injected").count() == 0
    context.close()


def test_clerk_gives_an_action_to_a_new_colleague_and_edits_its_owner_by_typing(
    world, meeting, browser, live_server
):
    action, _ = action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        description="Send the referral figures by borough",
        owning_agency=world.mps,
        owner=world.member,
    )
    context, page = _as(browser, live_server, world.clerk)
    # On the action page: the picker still shows the owner; a new colleague replaces them.
    page.goto(action.get_absolute_url())
    expect(page.get_by_role("combobox", name="Assign to")).to_have_value(
        re.compile(re.escape(world.member.full_name))
    )
    page.get_by_label("Or a new colleague: full name").fill("Nadia Owner")
    page.get_by_label("Their email address").fill("nadia.owner@met.example")
    page.get_by_role("button", name="Save the owner").click()
    expect(page.locator("#owner")).to_contain_text("Nadia Owner")
    action.refresh_from_db()
    assert action.owner.email == "nadia.owner@met.example"
    # On the edit page the owner is chosen by typing, as everywhere.
    page.goto(f"/actions/{action.pk}/edit/")
    expect(page.get_by_role("combobox", name="Owner")).to_be_visible()
    choose_person(page, "Owner", world.lead.full_name)
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#owner")).to_contain_text(world.lead.full_name)
    action.refresh_from_db()
    assert action.owner == world.lead
    context.close()
