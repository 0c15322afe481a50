"""Every owner picker (a new action, the action page's Assign, the edit page): a clerk adds the
owner as a new colleague of the owning agency, who is emailed a link to choose a password;
nothing is kept if the save is refused, and only the committee's officers add people."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from actions import services
from actions.editing import action_edit
from actions.models import Action
from agencies.models import Membership, User
from tests.actions.test_create import DESCRIPTION, _data
from tests.actions.test_edit import _post as _edit_data
from tests.once import token_on

pytestmark = pytest.mark.django_db
NEW = "new.owner@met.example"


def _post(client, meeting, **fields):
    url = reverse("actions:create") + f"?meeting={meeting.pk}"
    data = _data(client.world, owner="", new_owner_name="Nadia Owner", new_owner_email=NEW)
    data.update(fields)
    return client.post(url, data)


@pytest.fixture
def clerk(world, signed_in):
    client = signed_in(world.clerk)
    client.world = world
    return client


def test_clerk_records_an_action_for_a_new_colleague(
    world, meeting, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(clerk, meeting)
    assert response.status_code == 302
    person = User.objects.get(email=NEW)
    assert Membership.objects.filter(user=person, agency=world.mps, role="member").exists()
    assert Action.objects.get(description=DESCRIPTION).owner == person
    link = next(m for m in mail.outbox if m.to == [NEW])
    assert re.search(r"http\S+/password-reset/[^/\s]+/[^/\s]+/", link.body)
    assert not person.has_usable_password()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"new_owner_email": "chair@mopac.example"}, "already has an account"),
        ({"owner": "member"}, "not both"),
        ({"new_owner_name": ""}, "full name"),
        ({"description": ""}, "Enter what was agreed"),
    ],
)
def test_refused_keeps_no_new_person_and_sends_nothing(
    world, meeting, clerk, django_capture_on_commit_callbacks, fields, message
):
    if fields.get("owner") == "member":
        fields["owner"] = world.member.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(clerk, meeting, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(email=NEW).exists()
    assert not Action.objects.exists() and not mail.outbox


def test_only_officers_add_an_owner(world, meeting, signed_in):
    client = signed_in(world.lead)
    client.world = world
    assert _post(client, meeting).status_code == 403
    assert not User.objects.filter(email=NEW).exists()


@pytest.fixture
def action(world, meeting):
    created, _ = services.action_create(
        by=world.clerk,
        committee=world.committee,
        meeting=meeting,
        description=DESCRIPTION,
        owning_agency=world.mps,
    )
    return created


def _link_sent_to(email):
    link = next(m for m in mail.outbox if m.to == [email])
    assert "password" not in link.subject.lower()
    return re.search(r"http\S+/password-reset/[^/\s]+/[^/\s]+/", link.body)


def _owner_forms(world, action):
    """(page with the form, where it posts, what it posts) for Assign and the edit page."""
    new = {"new_owner_name": "Nadia Owner", "new_owner_email": NEW}
    detail = action.get_absolute_url()
    return {
        "assign": (detail, reverse("actions:assign", args=[action.pk]), {"owner": "", **new}),
        "edit": (
            reverse("actions:edit", args=[action.pk]),
            reverse("actions:edit", args=[action.pk]),
            _edit_data(action, **new),
        ),
    }


@pytest.mark.parametrize("form", ["assign", "edit"])
def test_clerk_makes_a_new_colleague_the_owner(
    world, action, signed_in, django_capture_on_commit_callbacks, form
):
    client = signed_in(world.clerk)
    page, url, data = _owner_forms(world, action)[form]
    assert 'name="new_owner_name"' in client.get(page).content.decode()
    data = {**data, "submit_token": token_on(client, page)}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        again = client.post(url, data)  # a double click
    assert first.status_code == 302 and again.status_code == 302
    person = User.objects.get(email=NEW)  # created once
    assert person.full_name == "Nadia Owner" and not person.has_usable_password()
    assert Membership.objects.filter(user=person, agency=world.mps, role="member").exists()
    action.refresh_from_db()
    assert action.owner == person
    assert _link_sent_to(NEW)
    assert len([m for m in mail.outbox if m.to == [NEW] and "password-reset" in m.body]) == 1


def test_the_edit_page_adds_the_new_colleague_to_the_new_owning_agency(
    world, action, signed_in, django_capture_on_commit_callbacks
):
    data = _owner_forms(world, action)["edit"][2] | {"owning_agency": world.safer_london.pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(world.clerk).post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 302
    person = User.objects.get(email=NEW)
    assert list(person.memberships.values_list("agency", flat=True)) == [world.safer_london.pk]
    action.refresh_from_db()
    assert (action.owning_agency, action.owner) == (world.safer_london, person)


REFUSALS = [
    ({"new_owner_email": "chair@mopac.example"}, "already has an account", 400),
    ({"owner": "member"}, "not both", 400),
    ({"new_owner_name": ""}, "full name", 400),
]


@pytest.mark.parametrize(
    ("form", "fields", "message", "status"),
    [
        *((form, *refusal) for form in ("assign", "edit") for refusal in REFUSALS),
        ("edit", {"stale": True}, "Someone else changed this action", 409),
    ],
)
def test_a_refused_assign_or_edit_keeps_no_new_person(
    world, action, signed_in, django_capture_on_commit_callbacks, form, fields, message, status
):
    _, url, data = _owner_forms(world, action)[form]
    fields = dict(fields)
    if fields.get("owner") == "member":
        fields["owner"] = world.member.pk
    if fields.pop("stale", False):  # changed since the form was opened
        action_edit(by=world.chair, action=action, expected_revision=None, due_text="Soon")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(world.clerk).post(url, {**data, **fields})
    assert response.status_code == status
    assert message in response.content.decode()
    assert not User.objects.filter(email=NEW).exists() and not mail.outbox
    action.refresh_from_db()
    assert action.owner is None


@pytest.mark.parametrize("form", ["assign", "edit"])
@pytest.mark.parametrize("who", ["lead", "manager"])
def test_only_officers_add_a_person_from_the_owner_pickers(world, action, signed_in, form, who):
    client = signed_in(getattr(world, who))
    page, url, data = _owner_forms(world, action)[form]
    shown = client.get(page)
    assert shown.status_code == 200 and 'name="owner"' in shown.content.decode()
    assert 'name="new_owner_name"' not in shown.content.decode()
    assert client.post(url, data).status_code == 403
    assert not User.objects.filter(email=NEW).exists()
    action.refresh_from_db()
    assert action.owner is None
