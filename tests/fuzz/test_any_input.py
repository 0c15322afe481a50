"""Any input, any role (issue #20, DESIGN section 7): every form and every list filter, read from
the pages themselves, driven by hypothesis with arbitrary text, numbers, dates and file names,
as chair, clerk, agency lead, manager, member and a visitor from outside the committee.

For every answer: never a 5xx; when the answer is an error, no row and no file written; when a
form comes back with errors (400/409), the text typed is in it. Every example is rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from actions import services as action_services
from attendance import services as attendance_services
from tests.conftest import IN_CI

from .forms import TEXT, Form, forms_on, typed_texts, values_for

pytestmark = pytest.mark.django_db

ROLES = ["chair", "clerk", "lead", "manager", "member", "outsider"]
# Every app whose rows a form writes (not the read log, sessions or sign-in attempts, written on
# any request).
COUNTED = {
    "agencies",
    "meetings",
    "attendance",
    "minutes",
    "actions",
    "core",
    "inbox",
    "guardian",
    "auth",
}


class _RolledBack(Exception):
    pass


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run one example and undo everything it wrote."""
    try:
        with transaction.atomic():
            yield
            raise _RolledBack
    except _RolledBack:
        pass


def _rows() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in COUNTED and not model._meta.proxy
    }


def _files(path: str = "") -> set[str]:
    try:
        folders, files = default_storage.listdir(path)
    except FileNotFoundError:
        return set()
    found = {f"{path}/{name}" for name in files}
    for folder in folders:
        found |= _files(f"{path}/{folder}" if path else folder)
    return found


def _kept(value: str) -> str | None:
    """What of a typed value must be shown again: none when it holds control characters."""
    text = value.strip()
    if not text or any(ord(c) < 32 and c not in "\r\n\t" for c in text) or "\x7f" in text:
        return None
    return text


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        user = getattr(world, role)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def scene(world, meeting):
    """The pages with forms, for the fixture partnership: an action and invitations exist."""
    if IN_CI and connection.vendor != "postgresql":
        pytest.fail("CI runs the property suite on PostgreSQL")
    action, _ = action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        agenda_item=meeting.items.get(title="Minutes of the last meeting"),
        description="Write to the Committee with the referral figures",
        owning_agency=world.mps,
    )
    attendance_services.invitations_generate(meeting=meeting, by=world.clerk)
    item = meeting.items.get(title="Any other business")
    return {
        "new action": reverse("actions:create") + f"?meeting={meeting.pk}&item={item.pk}",
        "action": action.get_absolute_url(),
        "new meeting": reverse("meetings:meeting_create", args=[world.committee.short_name]),
        "meeting": reverse("meetings:meeting_edit", args=[meeting.pk]),
        "agenda": reverse("meetings:editor", args=[meeting.pk]),
        "item": reverse("meetings:item_edit", args=[item.pk]),
        "item access": reverse("meetings:item_access", args=[item.pk]),
        "attendance": reverse("attendance:meeting", args=[meeting.pk]),
        "invite": reverse("attendance:invite", args=[meeting.pk]),
        "declarations": reverse("attendance:declarations", args=[meeting.pk]),
        "quorum": reverse("attendance:quorum_rule", args=[world.committee.short_name]),
        "minute": reverse("minutes:edit", args=[item.pk]),
        "calendar": reverse("meetings:calendar"),
    }


FOUND: dict[tuple[int, str, str], list[Form]] = {}


def _forms(world, url: str, method: str) -> list[Form]:
    """The page's forms as the people who get them see them (officers, the lead, a member);
    read once per test (the fixtures, and so the pages, are the same for all its examples)."""
    key = (world.committee.pk, url, method)
    if key not in FOUND:
        FOUND.clear()
        FOUND[key] = _read_forms(world, url, method)
    return FOUND[key]


def _read_forms(world, url: str, method: str) -> list[Form]:
    found: dict[tuple[str, tuple[str, ...]], Form] = {}
    for role in ("clerk", "lead", "member"):
        response = _client(world, role).get(url)
        if response.status_code != 200:
            continue
        for form in forms_on(response.content.decode(), url):
            if form.method == method and not form.action.endswith("/sign-out/"):
                found.setdefault((form.action, tuple(sorted(form.fields))), form)
    return list(found.values())


def _check(world, role: str, form: Form, data: dict, send) -> None:
    with rolled_back():
        rows, files = _rows(), _files()
        response = send(_client(world, role), form.action, data)
        status = response.status_code
        assert status < 500, f"{status} from {form.action} as {role}"
        if status >= 400:
            assert _rows() == rows, f"rows written by a {status} from {form.action} as {role}"
            assert _files() == files, f"files written by a {status} from {form.action}"
        if status in (400, 409) and form.method == "post":
            body = response.content.decode()
            for name, value in typed_texts(form, data).items():
                text = _kept(value)
                if text is not None:
                    assert escape(text) in body, f"{name!r} typed on {form.action} was lost"


PAGES = [
    "new action",
    "action",
    "new meeting",
    "meeting",
    "agenda",
    "item",
    "item access",
    "attendance",
    "invite",
    "declarations",
    "quorum",
    "minute",
    "calendar",
]


@pytest.mark.parametrize("page", PAGES)
@given(choice=st.data())
def test_any_input_to_every_form_as_anyone(page, choice, world, scene):
    forms = _forms(world, scene[page], "post")
    assert forms, f"no form on {page}"
    form = choice.draw(st.sampled_from(forms), label="form")
    role = choice.draw(st.sampled_from(ROLES), label="role")
    data = choice.draw(values_for(form), label="data")
    _check(world, role, form, data, lambda client, url, d: client.post(url, d))


FILTERS = {
    "register": lambda world: reverse("actions:register"),
    "statistics": lambda world: reverse("attendance:statistics"),
    "read log": lambda world: reverse("audit:log"),
}


@pytest.mark.parametrize("name", list(FILTERS))
@given(choice=st.data())
def test_any_input_to_every_list_filter_as_anyone(name, choice, world, scene):
    url = FILTERS[name](world)
    forms = _forms(world, url, "get") or [Form("get", url, False)]
    form = choice.draw(st.sampled_from(forms), label="filter")
    role = choice.draw(st.sampled_from(ROLES), label="role")
    data = choice.draw(values_for(form), label="data")
    extra = choice.draw(st.dictionaries(st.sampled_from(["page", "scope", "committee"]), TEXT))
    _check(world, role, form, {**data, **extra}, lambda client, u, d: client.get(u, d))


@pytest.mark.parametrize("name", list(FILTERS))
@pytest.mark.parametrize("query", [{"committee": "\x00"}, {"\x00": "1"}, {"page": "1\x00"}])
def test_a_nul_in_a_filter_is_a_400_not_a_500(name, query, world, scene):
    """Found by the issue's run (`committee=%00`): PostgreSQL refuses NUL in text."""
    response = _client(world, "clerk").get(FILTERS[name](world), query)
    assert response.status_code == 400


def test_a_nul_in_the_path_is_a_400_not_a_500(world, scene):
    response = _client(world, "clerk").get(reverse("agencies:list") + "%00/")
    assert response.status_code == 400
