"""The accessibility statement: public, in the GOV.UK model statement's structure, and linked
from the footer of every page (signed in or not, error pages too)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

SECTIONS = (
    "How accessible this service is",
    "Feedback and contact information",
    "Reporting accessibility problems with this service",
    "Enforcement procedure",
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
)
LINK = '<a class="govuk-footer__link" href="/accessibility/">Accessibility statement</a>'


def test_the_statement_is_public_and_complete():
    page = Client().get(reverse("accessibility"))
    assert page.status_code == 200
    html = page.content.decode()
    for section in SECTIONS:
        assert f">{section}</h" in html, section
    assert "partially compliant" in html and "WCAG" in html
    assert "mailto:accessibility@meetings.example" in html


def test_every_page_links_to_it(world, meeting, signed_in):
    anonymous = Client()
    pages = [
        anonymous.get(reverse("login")),
        anonymous.get(reverse("password_reset")),
        anonymous.get(reverse("accessibility")),
        anonymous.get("/no-such-page/"),
    ]
    client = signed_in(world.member)
    pages += [
        client.get(reverse("home")),
        client.get(meeting.get_absolute_url()),
        client.get(reverse("actions:register")),
        client.get("/meetings/999999/"),
    ]
    for response in pages:
        assert LINK in response.content.decode(), response.request["PATH_INFO"]
