"""The browser enforces the Content-Security-Policy, and the page fixture notices when it
refuses something (so every browser test fails on a violation)."""

from __future__ import annotations

import pytest

from .conftest import watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_script_is_refused_and_noticed(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    refused = watch_csp(context)
    page = context.new_page()
    page.goto("/account/sign-in/")
    # Scripts set by the page's own files work: govuk-frontend marked the body.
    assert "js-enabled" in page.evaluate("document.body.className")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.ran = true'; document.body.append(s); }"""
    )
    page.evaluate("() => document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    context.close()
    assert any("script" in text for text in refused), refused
    assert any("style" in text for text in refused), refused
