"""Search in the browser: a member types in the header box, sees ranked results with their
words highlighted, narrows them to one kind and opens one; a restricted item stays hidden."""

import re

import pytest
from playwright.sync_api import expect

from actions import services as action_services
from meetings import services
from tests.agenda_fixtures import add
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_a_member_searches_from_the_header_and_opens_a_result(world, meeting, secret_item, page):
    item = add(meeting, "Knife crime in Croydon", description="Knife arches at stations.")
    add(meeting, "Youth services", description="Funding for knife crime prevention.")
    action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        agenda_item=item,
        description="Report knife crime figures by borough",
        owning_agency=world.mps,
    )
    services.item_update(
        item=secret_item, expected_revision=None, title="Knife crime victim testimony"
    )

    _sign_in(page, world.member.email)
    box = page.get_by_role("search").get_by_label("Search")
    box.fill("knife crime")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=knife\+crime"))

    results = page.locator("#results > li")
    expect(page.locator("#result-count")).to_contain_text("3 results for")
    # Ranked: the item with the words in its title comes before the one with them in its text.
    expect(results.first).to_contain_text("Knife crime in Croydon")
    expect(results.first.locator("mark").first).to_have_text(re.compile("knife", re.I))
    expect(page.locator("main")).not_to_contain_text("victim testimony")
    page.screenshot(path="test-results/search-results.png", full_page=True)

    page.get_by_role("link", name=re.compile(r"Actions \(1\)")).click()
    expect(results).to_have_count(1)
    results.first.get_by_role("link").click()
    expect(page.locator("main")).to_contain_text("Report knife crime figures by borough")
    page.screenshot(path="test-results/search-opened.png")
