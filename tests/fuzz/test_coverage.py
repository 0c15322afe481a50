"""The property suite drives every form and filter: a URL that a form on any page posts to (or a
filter page) and that the suite does not reach fails here, as tests/security/test_matrix.py fails
for a URL the matrix does not know. Every URL pattern is either reached by the forms read from
the suite's pages, a filter of the suite, or listed below as taking no typed input."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.security.matrix import url_patterns

from . import state
from .pages import FILTERS, PAGES
from .scenes import SCENES, build
from .test_any_input import ROLES, read_forms

# URL patterns with no form and no filter: what each answers instead of typed input.
NO_INPUT = {
    "home": "the home page: links only (its forms are the header's, driven elsewhere)",
    "healthz": "a health check",
    "accessibility": "the accessibility statement",
    "public:index": "public committees and their meetings, without filters",
    "public:meeting": "one published meeting",
    "public:paper": "a public paper's download",
    "public:calendar": "a public committee's calendar feed",
    "public_records:removable": "a committee's records marked removable, without filters",
    "logout": "signing out (a POST without fields; the suite leaves it out on purpose)",
    "password_reset_done": "a message page",
    "password_reset_complete": "a message page",
    "mfa:account": "links to the second factor's pages",
    "mfa:backup_codes_download": "a text file of codes just made",
    "agencies:list": "a list without filters",
    "agencies:detail": "one agency",
    "meetings:committees": "a list without filters",
    "meetings:committee": "one committee",
    "meetings:meeting": "one meeting",
    "meetings:versions": "a list of one meeting's agenda versions",
    "meetings:version": "one agenda version",
    "meetings:paper": "a paper's download",
    "meetings:agenda_pdf": "a PDF",
    "meetings:meeting_ics": "a calendar file",
    "meetings:calendar_feed": "a calendar feed (its token is checked, tests/meetings)",
    "actions:detail": "one action (its forms post to actions:update and actions:assign)",
    "meetings:questions": "the clerk's queue of questions (its forms post to question_decide)",
    "actions:evidence": "an evidence file's download",
    "actions:summary": "one meeting's summary of actions",
    "actions:summary_pdf": "a PDF",
    "attendance:history": "one meeting's attendance history",
    "attendance:quorum": "JSON for the attendance page",
    "minutes:pdf": "a PDF",
    "intake:actions_template": "a CSV template",
    "api:schema": "the OpenAPI schema",
    "api:docs": "the API's documentation page",
    "api:not_found": "the API's 404 for any other path",
    "meetings:editor": "the agenda editor: its forms post to item_add, item_move, publish...",
    "minutes:document": "the minutes: its forms post to circulate, approve and comment",
    "transcripts:review": "drafted actions: their forms post to upload, accept, merge, reject",
}
# The REST API's routes (api:<model>-list, -detail, -update) take JSON, not forms: their bad
# input is tested by tests/api.
REST = re.compile(r"^api:\w+-(list|detail|update)$")


def _served() -> set[str]:
    return {
        name
        for name in url_patterns()
        if not name.startswith(("admin:", "<unnamed>", "bench:")) and not REST.match(name)
    }


def _name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def test_the_no_input_list_names_only_served_patterns():
    assert not set(NO_INPUT) - _served(), set(NO_INPUT) - _served()


def test_a_new_page_is_not_driven_until_added(settings):
    """The walk below sees a pattern neither driven nor listed (tests/security/extra_urls)."""
    settings.ROOT_URLCONF = "tests.security.extra_urls"
    assert "new_page" in _served() - set(NO_INPUT)


@pytest.mark.django_db
def test_every_form_and_filter_of_the_product_is_driven(world, meeting):
    from django.test import Client

    reached: dict[str, str] = {}
    for scene_name in SCENES:
        with state.rolled_back():
            scenes = build(scene_name, world, meeting)
            scene = next(scenes)
            browsers = {}
            for role in ROLES:
                browsers[role] = client = Client()
                if role != "anonymous":
                    client.force_login(
                        getattr(world, role), backend="django.contrib.auth.backends.ModelBackend"
                    )
            for page_name, page in PAGES.items():
                if page.scene != scene_name:
                    continue
                forms = read_forms(scene, browsers, page, "post")
                assert forms, f"no form on {page_name}"
                for form in forms:
                    name = _name(form.action)
                    assert name, f"{page_name}: a form posts to {form.action}, served by nothing"
                    reached.setdefault(name, page_name)
            for filter_name, (where, url, _) in FILTERS.items():
                if where == scene_name:
                    reached.setdefault(_name(url(scene)) or url(scene), filter_name)
            scenes.close()
    served = _served()
    not_driven = sorted(served - set(reached) - set(NO_INPUT))
    assert not not_driven, (
        f"URL patterns no page of the property suite drives (add the page that shows their "
        f"form to tests/fuzz/pages.py, or say in NO_INPUT why they take no input): {not_driven}"
    )
    both = sorted(set(NO_INPUT) & set(reached))
    assert not both, f"listed as taking no input, yet a form of the suite posts there: {both}"


def test_the_fuzz_profile_keeps_failing_examples_in_an_ignored_folder():
    """A failure of `make test-fuzz` can be replayed: hypothesis keeps it in var/hypothesis."""
    import subprocess

    from hypothesis import settings
    from hypothesis.database import DirectoryBasedExampleDatabase

    database = settings.get_profile("fuzz").database
    assert isinstance(database, DirectoryBasedExampleDatabase)
    assert str(database.path).endswith("var/hypothesis")
    ignored = subprocess.run(["git", "check-ignore", "-q", str(database.path)], check=False)
    assert ignored.returncode == 0
    assert settings.get_profile("bounded").database is None
