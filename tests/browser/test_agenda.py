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

    # A new item lands before "Any other business".
    rows = page.locator("#agenda-editor tbody tr").all_inner_texts()
    assert SECRET in rows[2] and "Any other business" in rows[3]

    page.get_by_role("link", name="Access to item 3").click()
    page.get_by_label("Restrict this item").check()
    page.get_by_label(world.mopac.name).check()
    page.get_by_role("button", name="Save access").click()

    # Move the restricted item to the top in one step, from the keyboard alone: the focus comes
    # back to the moved item's position box after the page reloads.
    position = page.get_by_label("Position for item 3")
    expect(position).to_be_visible()
    # A page still loading may move the focus (autofocus) after the test put it somewhere:
    # the keys go to the field only once the page has loaded, and each press focuses it first.
    page.wait_for_load_state("load")
    position.fill("1")
    with page.expect_navigation():
        position.press("Enter")
    expect(page.locator("#agenda-editor tbody tr").first).to_contain_text(SECRET)
    moved = page.get_by_label("Position for item 1")
    expect(moved).to_be_focused()
    expect(moved).to_have_value("1")
    # And again with a button: the focus stays on the same button of the moved item.
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.get_by_role("button", name="Move down item 1").press("Enter")
    expect(page.locator("#agenda-editor tbody tr").nth(1)).to_contain_text(SECRET)
    expect(page.get_by_role("button", name="Move down item 2")).to_be_focused()
    assert "via=down" in page.url

    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.locator("body")).to_contain_text("Agenda version 1 published")
    meeting = Meeting.objects.get(title="Child sexual exploitation")
    assert meeting.status == Meeting.Status.PUBLISHED

    other = browser.new_context(base_url=page.url.split("/meetings")[0])
    member_page = other.new_page()
    _sign_in(member_page, world.member.email)
    member_page.goto(meeting.get_absolute_url())
    agenda = member_page.locator("#agenda").inner_text()
    assert "Restricted item 2" in agenda
    assert SECRET not in member_page.content()
    assert "Any other business" in agenda
    member_page.screenshot(path="test-results/agenda_as_member.png", full_page=True)
    other.close()
