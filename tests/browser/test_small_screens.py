"""Small screens: every main page reflows at 320 CSS pixels (WCAG 1.4.10) without scrolling
sideways, as each role sees it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from actions.models import Action
from attendance import services as attendance_services
from intake.views import TEMPLATE_EXAMPLE, TEMPLATE_HEADER
from meetings.models import AgendaItem
from meetings.services.papers import paper_add
from meetings.services.publishing import agenda_publish
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


def _small_page(browser, live_server, user=None):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": WIDTH, "height": 640}
    )
    if user is not None:
        context.add_cookies([_session_cookie(user, live_server)])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _reflows(page, path: str, wide: dict) -> None:
    """Open `path`, which this person may see, and note its width when it scrolls sideways."""
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    if _width(page) > WIDTH:
        wide[path] = _width(page)


def test_edit_confirmation_search_token_import_and_factor_pages_reflow(
    world, meeting, browser, live_server
):
    """The pages the first walk missed: editing an action, the four confirmation pages, search
    results, API tokens, importing, the second factor, an agenda version, messages, sign-in."""
    action = Action.objects.create(
        committee=world.committee,
        meeting=meeting,
        reference="MC-0001",
        description="Write to the Home Office about the custody-suite-inspection-programme",
        owning_agency=world.mps,
    )
    secret = meeting.items.get(restricted=True)
    aob = meeting.items.get(kind=AgendaItem.Kind.AOB)
    paper = paper_add(
        item=aob,
        upload=SimpleUploadedFile("a-very-long-paper-name-without-any-spaces-at-all.txt", b"x\n"),
    )
    version = agenda_publish(meeting=meeting, by=world.clerk)  # messages the invitees, too
    wide: dict[str, int] = {}
    context, page = _small_page(browser, live_server, world.clerk)
    for path in [
        reverse("actions:edit", args=[action.pk]),
        reverse("meetings:cancel", args=[meeting.pk]),
        reverse("meetings:item_delete", args=[aob.pk]),
        reverse("meetings:paper_delete", args=[paper.pk]),
        reverse("search:results") + "?q=Police",
        reverse("api:tokens"),
        reverse("intake:actions", args=[world.committee.short_name]),
        reverse("mfa:setup"),
        reverse("mfa:account"),
        reverse("meetings:version", args=[meeting.pk, version.number]),
        reverse("inbox:list"),
    ]:
        _reflows(page, path, wide)
    # Revoking a grant is confirmed on a page of its own, reached by saving the access form.
    page.goto(reverse("meetings:item_access", args=[secret.pk]))
    page.get_by_label(world.mopac.name).uncheck()
    page.get_by_role("button", name="Save access").click()
    expect(page.get_by_role("button", name="Yes, save the new access")).to_be_visible()
    if _width(page) > WIDTH:
        wide["revoke grant"] = _width(page)
    # The import's preview.
    page.goto(reverse("intake:actions", args=[world.committee.short_name]))
    csv = ",".join(TEMPLATE_HEADER) + "\n" + ",".join(f'"{v}"' for v in TEMPLATE_EXAMPLE) + "\n"
    page.get_by_label("Action log").set_input_files(
        files=[{"name": "log.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("h1")).to_contain_text("Check the import")
    if _width(page) > WIDTH:
        wide["import preview"] = _width(page)
    context.close()
    # The second factor asked after the password, and the sign-in page.
    TOTPDevice.objects.create(user=world.member, name="Phone", confirmed=True)
    context, page = _small_page(browser, live_server, world.member)
    _reflows(page, reverse("mfa:verify"), wide)
    context.close()
    context, page = _small_page(browser, live_server)
    _reflows(page, reverse("login"), wide)
    context.close()
    assert wide == {}, f"pages wider than {WIDTH}px: {wide}"
