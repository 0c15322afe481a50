"""A clerk adds a guest or a new colleague from the invitation picker: they are emailed a link to
choose their own password (never a password), and nothing is kept when the invitation fails."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from agencies.models import Membership, User
from attendance.models import Invitation

pytestmark = pytest.mark.django_db
NEW = "new.colleague@met.example"


def _invite(client, meeting, **fields):
    data = {"capacity": "member", "new_name": "New Colleague", "new_email": NEW, **fields}
    return client.post(reverse("attendance:invite", args=[meeting.pk]), data)


def test_clerk_adds_a_new_colleague_who_gets_a_sign_in_link(
    world, meeting, signed_in, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(signed_in(world.clerk), meeting, agency=world.mps.pk)
    assert response.status_code == 302
    person = User.objects.get(email=NEW)
    assert not person.has_usable_password() and person.full_name == "New Colleague"
    assert Membership.objects.filter(user=person, agency=world.mps, role="member").exists()
    assert Invitation.objects.filter(meeting=meeting, person=person, agency=world.mps).exists()
    link_mail = next(m for m in mail.outbox if m.to == [NEW])
    assert "password" not in link_mail.subject.lower()
    link = re.search(r"http\S+/password-reset/\S+/\S+/", link_mail.body).group(0)
    # The MPS lead hears that someone was added to their agency.
    assert any(m.to == [world.lead.email] and NEW in m.body for m in mail.outbox)
    # The link lets them choose a password (never sent) and sign in.
    client.logout()
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path, follow=True)
    assert page.status_code == 200 and "Choose a new password" in page.content.decode()
    chosen = "a-long-and-new-passphrase-7"
    done = client.post(
        page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen}
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password(chosen) and person.can_sign_in


def test_clerk_adds_a_guest_of_no_agency(
    world, meeting, signed_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(signed_in(world.clerk), meeting, capacity="guest")
    assert response.status_code == 302
    person = User.objects.get(email=NEW)
    assert not person.memberships.exists()
    assert [m.to for m in mail.outbox] == [[NEW]]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"new_email": "chair@mopac.example"}, "already has an account"),
        ({"new_email": "not-an-email"}, "Enter an email address"),
        ({"new_name": ""}, "full name"),
        ({"capacity": "member", "agency": ""}, "Choose the agency"),
        ({"person": "lead"}, "not both"),
    ],
)
def test_bad_new_person_keeps_nothing(
    world, meeting, signed_in, django_capture_on_commit_callbacks, fields, message
):
    if fields.get("person") == "lead":
        fields["person"] = world.lead.pk
    fields.setdefault("agency", world.mps.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(signed_in(world.clerk), meeting, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(email=NEW).exists()
    assert not mail.outbox
    assert 'value="New Colleague"' in response.content.decode() or not fields.get("new_name", 1)


def test_new_colleague_only_in_one_of_the_committees_agencies(
    world, meeting, signed_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(signed_in(world.clerk), meeting, agency=world.cps.pk, capacity="guest")
    assert response.status_code == 400
    assert "ask an administrator" in response.content.decode()
    assert not User.objects.filter(email=NEW).exists() and not mail.outbox


@pytest.mark.parametrize("who", ["lead", "member", "outsider"])
def test_only_the_chair_and_clerk_add_people(world, meeting, signed_in, who):
    response = _invite(signed_in(getattr(world, who)), meeting, agency=world.mps.pk)
    assert response.status_code in (403, 404)
    assert not User.objects.filter(email=NEW).exists()
