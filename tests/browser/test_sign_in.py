"""A demo persona signs in through the page and lands on a home page showing their agencies."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-demo-password"


@pytest.fixture
def demo():
    call_command("load_demo", password=PASSWORD, stdout=StringIO())


def test_demo_lead_signs_in_and_sees_their_agency(demo, page):
    page.goto("/")
    assert "/account/sign-in/" in page.url
    page.get_by_label("Email address").fill("martin.hewitt@met.police.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Martin Hewitt"
    agencies = page.locator("#your-agencies")
    assert "Metropolitan Police Service" in agencies.inner_text()
    assert "Agency lead" in agencies.inner_text()
    # The GOV.UK Design System stylesheet is served by the app itself.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "GDS Transport" in font or "arial" in font.lower()


def test_wrong_password_shows_the_error_summary(demo, page):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill("martin.hewitt@met.police.example")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "There is a problem" in summary.inner_text()
    assert page.get_by_label("Email address").input_value() == "martin.hewitt@met.police.example"
