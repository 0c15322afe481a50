"""A form posted after the session ended is kept and put back after signing in again (issue #20):
only for the person whose session it was."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from core.models import Draft
from minutes.models import Minute
from tests.once import client_for

pytestmark = pytest.mark.django_db

TYPED = "The Committee noted the figures.\n\nMembers asked for the borough breakdown."


def _minute_url(meeting) -> str:
    """The minute of the meeting's last item; the meeting is moved to have begun an hour ago,
    since minutes are taken only of a meeting that has begun."""
    now = timezone.now()
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=now - timezone.timedelta(hours=1), ends_at=now + timezone.timedelta(hours=1)
    )
    return reverse("minutes:edit", args=[meeting.items.get(title="Any other business").pk])


def _end_sessions() -> None:
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))


def _kept(body: str) -> dict | None:
    found = re.search(r'<script id="kept-draft-data" type="application/json">(.*?)</script>', body)
    return json.loads(found.group(1)) if found else None


def test_a_post_after_the_session_ended_is_kept_and_put_back_after_sign_in(world, meeting):
    client = client_for(world.clerk)
    url = _minute_url(meeting)
    assert client.get(url).status_code == 200
    _end_sessions()

    response = client.post(url, {"revision": 0, "narrative": TYPED, "resolutions": ""})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"]
    draft = Draft.objects.get()
    assert draft.user == world.clerk and draft.data["fields"]["narrative"] == [TYPED]
    assert not Minute.objects.filter(narrative=TYPED).exists()

    client.force_login(world.clerk, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(url).content.decode()
    assert "has been kept" in page
    assert _kept(page)["fields"]["narrative"] == [TYPED]
    assert "Members asked for the borough breakdown." in page  # shown without JavaScript too

    saved = client.post(url, {"revision": 0, "narrative": TYPED, "resolutions": ""})
    assert saved.status_code == 302
    assert not Draft.objects.exists()
    assert "has been kept" not in client.get(url).content.decode()


def test_the_kept_text_goes_to_nobody_else_signing_in_on_that_browser(world, meeting):
    client = client_for(world.clerk)
    url = _minute_url(meeting)
    _end_sessions()
    client.post(url, {"revision": 0, "narrative": TYPED})
    client.force_login(world.chair, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(url).content.decode()
    assert TYPED.splitlines()[0] not in page and _kept(page) is None


def test_a_form_on_one_page_posting_to_another_comes_back_to_its_page(world, meeting):
    """The progress form is on the action's page and posts to /update/: back to the page."""
    from actions import services

    action, _ = services.action_create(
        by=world.clerk, committee=world.committee, description="Send it", owning_agency=world.mps
    )
    client = client_for(world.lead)
    _end_sessions()
    page = action.get_absolute_url()
    response = client.post(
        reverse("actions:update", args=[action.pk]),
        {"note": "Rang them twice"},
        HTTP_REFERER=f"http://testserver{page}",
    )
    assert response["Location"] == f"{reverse('login')}?next={page}"
    client.force_login(world.lead, backend="django.contrib.auth.backends.ModelBackend")
    body = client.get(page).content.decode()
    assert _kept(body)["fields"]["note"] == ["Rang them twice"]
    assert _kept(body)["action"] == reverse("actions:update", args=[action.pk])


def test_stay_signed_in_renews_the_session(world, signed_in):
    client = signed_in(world.member)
    answer = client.post(reverse("session_extend"))
    assert answer.status_code == 200 and answer.json()["seconds"] > 0
    page = client.get(reverse("home")).content.decode()
    assert 'id="session-timeout"' in page and "Stay signed in" in page


def test_no_timeout_warning_for_someone_not_signed_in(client):
    page = client.get(reverse("login")).content.decode()
    assert 'id="session-timeout"' not in page
