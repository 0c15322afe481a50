"""Branding (DESIGN.md section 8): not a gov.uk service, so no crown, no GOV.UK logotype and
no GDS Transport: Arial/Helvetica, and the browser never asks for the GOV.UK font files."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from .conftest import watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FONT_CHECK = """() => [...document.querySelectorAll('body, body *')]
    .filter(e => e.getClientRects().length && e.textContent.trim())
    .map(e => getComputedStyle(e).fontFamily)
    .filter(f => !/^(Arial|monospace)/.test(f))"""


def test_no_crown_no_logotype_and_arial_everywhere(world, meeting, browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    refused = watch_csp(context)
    fonts: list[str] = []
    context.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    page = context.new_page()
    page.goto("/account/sign-in/")
    signed_out_fonts = page.evaluate(FONT_CHECK)
    client = Client()
    client.force_login(world.clerk, backend="django.contrib.auth.backends.ModelBackend")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    for path in ("/", meeting.get_absolute_url(), "/no-such-page/"):
        page.goto(path)
        header = page.locator("header.govuk-header")
        assert "GOV.UK" not in header.inner_text()
        assert header.locator("svg, .govuk-header__logotype").count() == 0
        assert page.evaluate(FONT_CHECK) == [], path
        body_font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
        assert body_font.startswith("Arial"), body_font
    page.wait_for_load_state("networkidle")
    context.close()
    assert signed_out_fonts == []
    assert fonts == [] and refused == []
