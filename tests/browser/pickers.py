"""Driving the searchable people pickers (accessible-autocomplete over a select) as a person
does: type part of a name, pick it from the suggestions."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def choose_person(page, label: str, name: str) -> None:
    """Type `name` into the picker labelled `label` and choose the first matching suggestion."""
    field = page.get_by_label(label, exact=True)
    # The label names the select until pickers.js replaces it; decide only once the page has
    # settled, or a slow page is read as plain and then changes under the test.
    field.wait_for(state="attached")
    page.wait_for_function("() => document.documentElement.hasAttribute('data-pickers')")
    if field.evaluate("element => element.tagName") == "SELECT":
        # The assets lack accessible-autocomplete (`make assets`): the plain select remains.
        field.select_option(label=name)
        return
    field.fill(name)
    option = page.locator(".autocomplete__option", has_text=re.compile(re.escape(name))).first
    expect(option).to_be_visible()
    option.click()
