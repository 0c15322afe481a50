"""A long word typed anywhere wraps: no page grows wider than the screen (issue 14 point 14)."""

import pytest

from actions import services
from tests.browser.test_actions import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD = "Referral" * 120  # 960 characters without a space
WIDTHS = [320, 1024]


def _page_width(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_a_long_word_wraps_on_the_action_register_and_page(page, world, meeting):
    item = meeting.items.get(title="Minutes of the last meeting")
    action, _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=item,
        description=f"Send the {WORD} list",
        source=WORD[:200],
        owning_agency=world.mps,
    )
    services.action_update(by=world.lead, action=action, note=f"Sent: {WORD}")
    _sign_in(page, world.lead.email)
    for url in ["/actions/?scope=agency", action.get_absolute_url()]:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(url)
            scroll, inner = _page_width(page)
            assert scroll <= inner, (url, width, scroll, inner)
