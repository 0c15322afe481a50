"""The owner picker of a new action: a clerk adds the owner as a new colleague of the owning
agency, who is emailed a link to choose a password; nothing is kept if the action is refused."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from actions.models import Action
from agencies.models import Membership, User
from tests.actions.test_create import DESCRIPTION, _data

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
