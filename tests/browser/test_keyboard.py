"""Keyboard only (WCAG 2.1.1, 2.1.2, 2.4.1, 2.4.7, 3.3.1): the skip link takes focus to the
main content, a refused form puts focus on its error summary, every stop shows where focus
is, and Tab goes through the main journeys' pages to the footer and out, trapped nowhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actions.models import Action
from attendance import services as attendance_services

from .a11y import new_context
from .conftest import watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTIVE = """() => { const e = document.activeElement;
  if (!e || e === document.body) return 'body';
  return e.tagName + '#' + (e.id || '') + '.' + (e.className || '') + ':' +
         (e.textContent || e.value || e.name || '').trim().slice(0, 40); }"""
# How an element looks, in the properties govuk-frontend's focus style changes.
LOOK = """e => { const s = getComputedStyle(e);
  return [s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, s.boxShadow,
          s.backgroundColor, s.color, s.textDecorationLine].join(' | '); }"""


@pytest.fixture
def keyboard_page(browser, live_server):
    """A page in a signed-in context, made per persona; fails on a policy violation."""
    made = []

    def make(user=None):
        context = new_context(browser, live_server, user)
        made.append((context, watch_csp(context)))
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context, refused in made:
        context.close()
        assert refused == []


def test_the_skip_link_moves_focus_to_the_main_content(world, keyboard_page):
    page = keyboard_page(world.member)
    page.goto(reverse("home"))
    page.keyboard.press("Tab")
    skip = page.locator(".govuk-skip-link")
    assert page.evaluate(ACTIVE).startswith("A#.govuk-skip-link")
    box = skip.bounding_box()
    assert box is not None and box["height"] > 10 and box["width"] > 50  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"
    # The next Tab goes on inside the main content, not back to the header.
    page.keyboard.press("Tab")
    inside = page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert inside


def _tab_to(page, button_text: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE).endswith(":" + button_text):
            return
    raise AssertionError(f"Tab never reached {button_text!r}")


def test_a_refused_form_focuses_its_error_summary(world, keyboard_page):
    page = keyboard_page(world.member)
    page.goto(reverse("api:tokens"))
    _tab_to(page, "Make a token")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    # From the summary, Tab reaches its link to the field, and Enter puts focus in the field.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.govuk-error-summary') !== null")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.tagName") == "INPUT"


def _tab_through(page, limit: int = 400) -> list[str]:
    """Tab from the top of the page until focus leaves it; each stop must look different
    focused (read while it has focus) from unfocused (read once focus has moved on)."""
    stops: list[str] = []
    invisible: list[str] = []
    previous = None  # (stop, element, how it looked focused)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(ACTIVE)
        if previous and previous[0] != stop and previous[1].evaluate(LOOK) == previous[2]:
            invisible.append(previous[0])
        if stop == "body":
            break
        if not previous or previous[0] != stop:
            handle = page.evaluate_handle("() => document.activeElement")
            previous = (stop, handle, handle.evaluate(LOOK))
        stops.append(stop)
        # A date or time field takes a Tab per part (day, month, year): up to three in a row.
        assert stops[-5:].count(stop) < 5, f"focus stuck on {stop}"
    else:
        raise AssertionError(f"focus never left the page after {limit} Tabs: {stops[-5:]}")
    assert invisible == [], f"no visible focus on: {invisible}"
    return stops


@pytest.mark.parametrize(
    "persona,page_name",
    [
        ("chair", "meeting"),
        ("chair", "agenda editor"),
        ("lead", "attendance"),
        ("member", "action"),
        ("lead", "action edit"),
        (None, "sign-in"),
    ],
)
def test_tab_goes_through_the_main_journeys_without_a_trap(
    world, meeting, keyboard_page, persona, page_name
):
    attendance_services.invitations_generate(meeting=meeting, by=world.clerk)
    action = Action.objects.create(
        committee=world.committee,
        meeting=meeting,
        reference="MC-0001",
        description="Write to the Home Office about custody suites",
        owning_agency=world.mps,
        owner=world.member,
    )
    paths = {
        "meeting": meeting.get_absolute_url(),
        "agenda editor": reverse("meetings:editor", args=[meeting.pk]),
        "attendance": reverse("attendance:meeting", args=[meeting.pk]),
        "action": action.get_absolute_url(),
        "action edit": reverse("actions:edit", args=[action.pk]),
        "sign-in": reverse("login"),
    }
    page = keyboard_page(getattr(world, persona) if persona else None)
    response = page.goto(paths[page_name])
    assert response is not None and response.status == 200
    page.wait_for_load_state("load")
    stops = _tab_through(page)
    assert stops[0].startswith("A#.govuk-skip-link")
    assert stops[-1].endswith(":Accessibility statement") or stops[-1].endswith(":Second factor")
    assert len(stops) >= 5
    # And back: Shift+Tab from the footer returns towards the top.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(ACTIVE) == stops[-1]


def test_the_walk_finds_a_stop_without_a_visible_focus(db, keyboard_page):
    page = keyboard_page()
    page.goto(reverse("login"))
    # Through the CSS object model (which the policy allows): focus made to look like nothing.
    page.evaluate(
        """() => document.styleSheets[document.styleSheets.length - 1].insertRule(
             '*:focus { outline: none !important; box-shadow: none !important; '
             + 'background: none !important; color: inherit !important; '
             + 'text-decoration: inherit !important; }')"""
    )
    with pytest.raises(AssertionError, match="no visible focus"):
        _tab_through(page)
