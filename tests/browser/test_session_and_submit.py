"""Issue #20 in the browser: a warning before the session ends with a way to stay signed in
(WCAG 2.2.1); a minute typed across the end of a session is kept through signing in again; a
form's button is disabled after the first click, so a double click sends one request."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import PublicQuestion
from minutes.models import Minute
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "The Committee noted the figures. Members asked for the borough breakdown by June."


def _sign_in(page, email: str, *, then: str = "**/") -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(then)


def _minute_url(meeting) -> str:
    """The minute of the meeting's last item; the meeting is moved to have begun an hour ago,
    since minutes are taken only of a meeting that has begun."""
    now = timezone.now()
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=now - timezone.timedelta(hours=1), ends_at=now + timezone.timedelta(hours=1)
    )
    return reverse("minutes:edit", args=[meeting.items.get(title="Any other business").pk])


def test_a_warning_before_the_session_ends_and_stay_signed_in_keeps_it(
    world, meeting, page, settings
):
    settings.SESSION_COOKIE_AGE = 20
    settings.SESSION_WARNING_SECONDS = 12
    page.goto("/account/sign-in/")
    _sign_in(page, world.clerk.email)
    page.goto(_minute_url(meeting))
    loaded = time.monotonic()

    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog).to_contain_text("you will be signed out in")
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    stay.click()
    expect(dialog).to_be_hidden()

    # Past the moment the session would have ended without the click, it is still going.
    time.sleep(max(0.0, 21 - (time.monotonic() - loaded)))
    page.goto(_minute_url(meeting))
    expect(page.get_by_label("What was said")).to_be_visible()
    assert "/account/sign-in/" not in page.url


def test_a_minute_typed_past_the_end_of_the_session_is_kept_through_signing_in(
    world, meeting, page
):
    page.goto("/account/sign-in/")
    _sign_in(page, world.clerk.email)
    url = _minute_url(meeting)
    page.goto(url)
    page.get_by_label("What was said").fill(TYPED)
    # The session ends while the clerk types.
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    page.get_by_role("button", name="Save minute").click()

    page.wait_for_url("**/account/sign-in/**")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been kept")
    _sign_in(page, world.clerk.email, then=f"**{url}")
    expect(page.locator("#kept-draft")).to_contain_text("has been kept")
    expect(page.get_by_label("What was said")).to_have_value(TYPED)
    page.get_by_role("button", name="Save minute").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("saved")
    assert Minute.objects.filter(narrative=TYPED).count() == 1


def test_a_double_click_sends_the_form_once(world, meeting, page):
    page.goto("/account/sign-in/")
    _sign_in(page, world.chair.email)
    item = meeting.items.get(title="Any other business")
    page.goto(reverse("meetings:item_edit", args=[item.pk]))
    page.get_by_label("Question", exact=True).fill("How many referrals were there?")
    page.get_by_label("Sent by").fill("A resident")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    disabled = page.evaluate(
        """async () => {
          const button = document.getElementById("submit-add-question");
          button.form.requestSubmit(button);
          button.form.requestSubmit(button);
          await new Promise((done) => setTimeout(done, 0));
          return button.disabled;
        }"""
    )
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Question added")
    assert disabled is True
    assert len([u for u in posts if u.endswith("/questions/")]) == 1
    assert PublicQuestion.objects.count() == 1


def test_a_tab_left_alone_is_not_told_signed_out_while_another_tab_keeps_the_session(
    world, meeting, page, settings
):
    settings.SESSION_COOKIE_AGE = 20
    settings.SESSION_WARNING_SECONDS = 12
    page.goto("/account/sign-in/")
    _sign_in(page, world.clerk.email)
    page.goto(_minute_url(meeting))
    loaded = time.monotonic()
    # Four seconds later the clerk opens another page in a second tab: the session is renewed.
    time.sleep(4)
    other = page.context.new_page()
    other.goto("/")
    expect(other.locator("h1")).to_be_visible()

    # Past the moment the first tab's own countdown would have ended, it warns (the session
    # ends about 24 s after loading) and does not say the clerk has been signed out.
    time.sleep(max(0.0, 21 - (time.monotonic() - loaded)))
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("You will be signed out soon")
    expect(dialog).not_to_contain_text("You have been signed out")
