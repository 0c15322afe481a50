"""#17 in the browser: a member of the public goes from /public/ to asking a question for a
public meeting, and the clerk accepts it onto the agenda; the asker is emailed both times."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from meetings.models import PublicQuestion
from tests.factories import PASSWORD
from tests.public.conftest import scene  # noqa: F401 (the public meeting)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "How many officers patrol the Acre estate at night?"


def test_a_member_of_the_public_asks_and_the_clerk_accepts_it(scene, world, page, browser):  # noqa: F811
    page.goto("/public/")
    page.get_by_role("link", name=scene.meeting.title).first.click()
    expect(page.locator("h1")).to_contain_text(scene.meeting.title)
    page.get_by_role("link", name="Ask the meeting a question").click()
    page.get_by_label("Your name").fill("Pat Resident")
    page.get_by_label("Your email address").fill("pat@example.org")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send your question").click()
    # The consent is needed: refused with a message, and what was typed is kept.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Agree to its publication")
    expect(page.get_by_label("Your question")).to_have_value(QUESTION)
    page.get_by_label("I agree that my question").check()
    page.get_by_role("button", name="Send your question").click()
    expect(page.locator("body")).to_contain_text("your question has been sent to the clerk")
    assert [m.to for m in mail.outbox] == [["pat@example.org"]]

    clerk = browser.new_context(base_url=page.url.split("/public")[0]).new_page()
    clerk.goto("/account/sign-in/")
    clerk.get_by_label("Email address").fill(world.clerk.email)
    clerk.get_by_label("Password").fill(PASSWORD)
    clerk.get_by_role("button", name="Sign in").click()
    clerk.wait_for_url("**/")
    clerk.goto(f"/meetings/{scene.meeting.pk}/agenda/")
    clerk.get_by_role("link", name="Questions from the public").click()
    section = clerk.locator("section", has_text=QUESTION)
    expect(section).to_contain_text("Pat Resident")
    section.get_by_label("Accept it: put it to the meeting under an item").check()
    section.get_by_label("Item (if accepted)").select_option(label="The police and crime plan")
    section.get_by_role("button", name="Save the decision").click()
    expect(clerk.locator("body")).to_contain_text("Decision saved")
    question = PublicQuestion.objects.get(question=QUESTION)
    assert question.item == scene.public_item and question.status == "accepted"
    clerk.goto(f"/meetings/{scene.meeting.pk}/")
    expect(clerk.locator("#agenda")).to_contain_text(QUESTION)
    assert [m.subject for m in mail.outbox][-1] == "Your question: the clerk's decision"
    assert "The police and crime plan" in mail.outbox[-1].body
    # The accepted question is published under its item, with the asker's name, not the email.
    page.goto(f"/public/meetings/{scene.meeting.pk}/")
    expect(page.locator("#agenda")).to_contain_text(QUESTION)
    expect(page.locator("#agenda")).to_contain_text("Asked by Pat Resident")
    expect(page.locator("#agenda")).not_to_contain_text("pat@example.org")
