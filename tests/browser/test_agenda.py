"""The chair builds an agenda from the standing template, restricts and moves an item with the
keyboard, publishes; a member of an agency without the grant then sees only the placeholder."""

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.agenda_fixtures import day_from_today
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "Case review: survivor testimony"


def _sign_in(page, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_chair_builds_restricts_moves_and_publishes(world, page, browser):
    world.committee.standing_agenda = [
        {"title": "Apologies for absence", "kind": "apologies", "planned_minutes": 5},
        {"title": "Declarations of interest", "kind": "declarations", "planned_minutes": 5},
        {"title": "Any other business", "kind": "aob", "planned_minutes": 10},
    ]
    world.committee.save()

    _sign_in(page, world.chair.email)
    page.goto(world.committee.get_absolute_url())
    page.get_by_role("link", name="Create a meeting").click()
    page.get_by_label("Title").fill("Child sexual exploitation")
    page.get_by_label("Date").fill(day_from_today(60))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("12:30")
    page.get_by_role("button", name="Save").click()
    editor = page.locator("#agenda-editor")
    assert "Apologies for absence" in editor.inner_text()

    page.locator("#add-item").scroll_into_view_if_needed()
    page.get_by_label("Title").fill(SECRET)
    page.get_by_label("Planned minutes").fill("30")
    page.get_by_role("button", name="Save item").click()
    assert SECRET in editor.inner_text()

    page.get_by_role("link", name="Access to item 4").click()
    page.get_by_label("Restrict this item").check()
    page.get_by_label(world.mopac.name).check()
    page.get_by_role("button", name="Save access").click()

    # Move the restricted item above "Any other business" from the keyboard alone.
    page.get_by_role("button", name="Move up item 4").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("#agenda-editor tbody tr").all_inner_texts()
    assert SECRET in rows[2] and "Any other business" in rows[3]

    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.locator("body")).to_contain_text("Agenda version 1 published")
    meeting = Meeting.objects.get(title="Child sexual exploitation")
    assert meeting.status == Meeting.Status.PUBLISHED

    other = browser.new_context(base_url=page.url.split("/meetings")[0])
    member_page = other.new_page()
    _sign_in(member_page, world.member.email)
    member_page.goto(meeting.get_absolute_url())
    agenda = member_page.locator("#agenda").inner_text()
    assert "Restricted item 3" in agenda
    assert SECRET not in member_page.content()
    assert "Any other business" in agenda
    member_page.screenshot(path="test-results/agenda_as_member.png", full_page=True)
    other.close()
