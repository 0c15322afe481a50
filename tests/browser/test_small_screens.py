"""Small screens: every main page reflows at 320 CSS pixels (WCAG 1.4.10) without scrolling
sideways, as each role sees it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from actions.models import Action
from attendance import services as attendance_services
from minutes.models import Minutes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH = 320


def _session_cookie(user, live_server) -> dict:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def _pages(world, meeting, action) -> list[str]:
    return [
        reverse("home"),
        reverse("meetings:committees"),
        world.committee.get_absolute_url(),
        meeting.get_absolute_url(),
        reverse("attendance:meeting", args=[meeting.pk]),
        reverse("attendance:declarations", args=[meeting.pk]),
        reverse("minutes:document", args=[meeting.pk]),
        reverse("actions:register"),
        action.get_absolute_url(),
        reverse("actions:summary", args=[meeting.pk]),
        reverse("actions:dashboard"),
        reverse("agencies:list"),
        world.mps.get_absolute_url(),
        reverse("meetings:calendar"),
        reverse("inbox:list"),
    ]


OFFICER_PAGES = [
    ("meetings:editor", "meeting"),
    ("attendance:invite", "meeting"),
    ("actions:create", None),
    ("meetings:meeting_edit", "meeting"),
]


def _too_wide(page, path: str) -> int | None:
    response = page.goto(path)
    if response is None or response.status >= 400:
        return None
    width = page.evaluate("document.documentElement.scrollWidth")
    return width if width > WIDTH else None


@pytest.mark.parametrize("persona", ["clerk", "chair", "lead", "manager", "member"])
def test_main_pages_reflow_at_320_pixels(world, meeting, browser, live_server, persona):
    attendance_services.invitations_generate(meeting=meeting, by=world.clerk)
    Minutes.objects.create(meeting=meeting, stage=Minutes.Stage.CIRCULATED)
    action = Action.objects.create(
        committee=world.committee,
        meeting=meeting,
        reference="MC-0001",
        description="Write to the Home Office about the custody-suite-inspection-programme "
        "and its recommendations",
        owning_agency=world.mps,
    )
    user = getattr(world, persona)
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": WIDTH, "height": 640}
    )
    context.add_cookies([_session_cookie(user, live_server)])
    page = context.new_page()
    page.set_default_timeout(15_000)
    paths = _pages(world, meeting, action)
    if persona in ("clerk", "chair"):
        paths += [
            reverse(name, args=[meeting.pk]) if arg else reverse(name)
            for name, arg in OFFICER_PAGES
        ]
    visited = 0
    wide = {}
    for path in paths:
        response = page.goto(path)
        if response is None or response.status >= 400:
            continue
        visited += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide[path] = width
    context.close()
    assert visited >= 10
    assert wide == {}, f"pages wider than {WIDTH}px for the {persona}: {wide}"
