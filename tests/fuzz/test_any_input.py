"""Any input, any role (issue #20, DESIGN section 7): every form and every list filter, read from
the pages themselves (tests/fuzz/pages.py, in the scenes of tests/fuzz/scenes.py), driven by
hypothesis with arbitrary text, numbers, dates and file names. Each example is sent as every
role in turn: chair, clerk, agency lead, manager, a member without grants, a member of an agency
outside the committee, and a visitor who is not signed in.

For every answer: never a 5xx; a visitor not signed in is sent to sign in or refused (except on
the sign-in pages); when the answer is an error, no table's contents and no file changed; when a
form comes back with errors (400/409), or a filter page answers, the text typed is in it. Every
example is rolled back.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import IN_CI

from . import state
from .forms import TEXT, Form, forms_on, typed_texts, values_for
from .pages import FILTERS, PAGES, Page
from .scenes import Scene, scene_of  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

ROLES = ["chair", "clerk", "lead", "manager", "member", "outsider", "anonymous"]
# Whose pages are read for the forms to drive (each sees forms the others do not).
READERS = ("clerk", "chair", "lead", "member")


@pytest.fixture
def scene_name(request) -> str:
    """The scene the test's page or filter is shown in."""
    params = getattr(request.node, "callspec", None)
    params = params.params if params else {}
    if "page" in params:
        return PAGES[params["page"]].scene
    if "name" in params:
        return FILTERS[params["name"]][0]
    return "future"


@pytest.fixture
def scene(scene_of: Scene) -> Scene:  # noqa: F811
    if IN_CI and connection.vendor != "postgresql":
        pytest.fail("CI runs the property suite on PostgreSQL")
    return scene_of


@pytest.fixture
def browsers(world, scene) -> dict[str, Client]:
    """One browser per role, signed in once for the whole test."""
    out = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            user = getattr(world, role)
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        out[role] = client
    return out


def _kept(value: str) -> str | None:
    """What of a typed value must be shown again: none when it holds control characters."""
    text = value.strip()
    if not text or any(ord(c) < 32 and c not in "\r\n\t" for c in text) or "\x7f" in text:
        return None
    return text


FOUND: dict[tuple, list[Form]] = {}


def read_forms(scene: Scene, browsers, page: Page, method: str) -> list[Form]:
    """The page's forms as the people who get them see them; read once per test (the scene,
    and so the pages, are the same for all its examples)."""
    url = page.url(scene)
    key = (scene.world.committee.pk, url, method, page.prime)
    if key not in FOUND:
        FOUND.clear()
        found: dict[tuple[str, tuple[str, ...]], Form] = {}
        for role in (*READERS, "anonymous") if page.public else READERS:
            with state.rolled_back():
                client = browsers[role]
                primed = page.prime(client, scene, role) if page.prime else None
                response = primed if page.from_prime else client.get(url)
                if response.status_code != 200:
                    continue
                for form in forms_on(response.content.decode(), url):
                    if form.method == method and not form.action.endswith("/sign-out/"):
                        found.setdefault((form.action, tuple(sorted(form.fields))), form)
        FOUND[key] = list(found.values())
    return FOUND[key]


def check(scene: Scene, page: Page, role: str, client: Client, form: Form, data: dict) -> None:
    """Send one submission as one role, and hold the answer to the rules above."""
    tables = state.tables()
    with state.rolled_back():
        if page.prime:
            page.prime(client, scene, role)
        before, files = state.digest(tables), state.files()
        if form.method == "post":
            response = client.post(form.action, data)
        else:
            response = client.get(form.action, data)
        status = response.status_code
        where = f"{status} from {form.action} as {role}"
        assert status < 500, where
        if role == "anonymous" and not page.public:
            to_sign_in = status == 302 and response["Location"].startswith(reverse("login"))
            assert to_sign_in or status >= 400, f"{where}: a visitor not signed in got in"
        if status >= 400:
            shown = status in (400, 409) or form.method == "get"
            differ = state.changed(before, state.digest(tables))
            if shown:  # a page that shows restricted content logs the read, on purpose
                differ = [t for t in differ if t not in state.READ_LOG]
            assert not differ, f"{where} changed {differ}"
            assert state.files() == files, f"files written by a {where}"
        echoed = status in (400, 409) or (form.method == "get" and status == 200)
        if echoed and _is_page(response):
            body = response.content.decode()
            # Only the fields this person's own form has (a lead's edit form has no wording).
            answered = {n for f in forms_on(body, form.action) for n in f.fields}
            for name, value in typed_texts(form, data).items():
                text = _kept(value)
                if text is not None and name in answered:
                    assert escape(text) in body, f"{name!r} typed on {form.action} was lost"


def _is_page(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


@pytest.mark.parametrize("page", list(PAGES))
@given(choice=st.data())
def test_any_input_to_every_form_as_anyone(page, choice, scene, browsers):
    shown = PAGES[page]
    forms = read_forms(scene, browsers, shown, "post")
    assert forms, f"no form on {page}"
    form = choice.draw(st.sampled_from(forms), label="form")
    data = choice.draw(values_for(form), label="data")
    for role in ROLES:
        check(scene, shown, role, browsers[role], form, data)


@pytest.mark.parametrize("name", list(FILTERS))
@given(choice=st.data())
def test_any_input_to_every_list_filter_as_anyone(name, choice, scene, browsers):
    _, url, by_hand = FILTERS[name]
    shown = Page(scene.name, url)
    forms = read_forms(scene, browsers, shown, "get") or [Form("get", url(scene), False)]
    form = choice.draw(st.sampled_from(forms), label="filter")
    data = choice.draw(values_for(form), label="data")
    extra = choice.draw(st.dictionaries(st.sampled_from(by_hand), TEXT), label="by hand")
    for role in ROLES:
        check(scene, shown, role, browsers[role], form, {**extra, **data})


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize("query", [{"committee": "\x00"}, {"\x00": "1"}, {"page": "1\x00"}])
def test_a_nul_in_a_filter_is_a_400_not_a_500(name, query, scene, browsers):
    """Found by the issue's run (`committee=%00`): PostgreSQL refuses NUL in text."""
    response = browsers["clerk"].get(FILTERS[name][1](scene), query)
    assert response.status_code == 400


def test_a_nul_in_the_path_is_a_400_not_a_500(world, browsers):
    response = browsers["clerk"].get(reverse("agencies:list") + "%00/")
    assert response.status_code == 400
