"""Playwright driving Debian's Chromium against the live test server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
# Without these, Chromium keeps trying to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the session; fails under CI when Chromium is missing."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (install Debian's chromium package)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are synchronous and safe, so Django's async guard is lifted while it runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def watch_csp(context) -> list[str]:
    """The Content-Security-Policy violations the context's pages report, as Chromium words
    them on the console ("Refused to execute inline script ..."), collected as they happen."""
    refused: list[str] = []

    def note(message) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("Refused to"):
            refused.append(f"{message.page.url if message.page else '?'}: {text}")

    context.on("console", note)
    return refused


@pytest.fixture
def page(browser, live_server, request) -> Iterator:
    """A fresh browser page; a screenshot is kept under test-results/ for a person to look at.
    Anything the Content-Security-Policy refused on its pages fails the test."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    refused = watch_csp(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", full_page=True)
    context.close()
    assert refused == [], "the Content-Security-Policy refused:\n" + "\n".join(refused)
