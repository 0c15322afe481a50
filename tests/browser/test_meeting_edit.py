"""The clerk re-saves a meeting changing only its room: the date and times the browser shows
are the saved ones, so the save goes through unchanged apart from the room."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings import services
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_clerk_changes_only_the_room(world, page):
    # Three weeks ahead at 10:00-12:00 London time, whatever today is.
    day = timezone.localdate() + timedelta(days=21)
    meeting = services.meeting_create(
        committee=world.committee,
        title="Serious youth violence",
        starts_at=timezone.make_aware(datetime.combine(day, time(10))),
        ends_at=timezone.make_aware(datetime.combine(day, time(12))),
        location="Committee Room 4",
        use_template=False,
    )

    _sign_in(page, world.clerk.email)
    page.goto(f"/meetings/{meeting.pk}/agenda/")
    page.get_by_role("link", name="Change the meeting's title, time or place").click()
    assert page.get_by_label("Date").input_value() == day.isoformat()
    assert page.get_by_label("Start time").input_value() == "10:00"
    assert page.get_by_label("End time").input_value() == "12:00"
    page.get_by_label("Location").fill("Chamber, City Hall")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Meeting saved.")

    page.goto(meeting.get_absolute_url())
    where = page.locator(".govuk-summary-list__row", has_text="Where")
    assert "Chamber, City Hall" in where.inner_text()
    meeting.refresh_from_db()
    assert meeting.location == "Chamber, City Hall"
    assert timezone.localtime(meeting.starts_at).date() == day
    assert timezone.localtime(meeting.starts_at).hour == 10
