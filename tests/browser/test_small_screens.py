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
        reverse("attendance:history", args=[meeting.pk]),
        reverse("attendance:statistics"),
        reverse("meetings:versions", args=[meeting.pk]),
        reverse("audit:log"),
    ]


OFFICER_PAGES = [
    ("meetings:editor", "meeting"),
    ("attendance:quorum_rule", "committee"),
    ("meetings:item_edit", "item"),
    ("meetings:item_access", "item"),
    ("minutes:edit", "item"),
    ("attendance:invite", "meeting"),
    ("actions:create", None),
    ("meetings:meeting_edit", "meeting"),
]


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
        item = meeting.items.get(restricted=True)
        args = {"meeting": [meeting.pk], "committee": [world.committee.short_name]}
        args |= {"item": [item.pk], None: []}
        paths += [reverse(name, args=args[arg]) for name, arg in OFFICER_PAGES]
    visited = 0
    wide = {}
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status < 500, path
        if response.status >= 400:  # not this role's page (each role's 403/404 is tested)
            continue
        visited += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide[path] = width
    context.close()
    assert visited >= 14
    assert wide == {}, f"pages wider than {WIDTH}px for the {persona}: {wide}"
