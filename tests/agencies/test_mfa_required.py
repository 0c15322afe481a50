"""MFA_REQUIRED (issue 16): a person signed in with a password alone is sent to set up or enter
their second factor before any page, restricted content above all; off, nothing changes."""

import time

import pytest
import time_machine
from django.urls import reverse

from agencies import mfa
from api.tokens import token_create
from meetings.models import CalendarFeed
from tests.agenda_fixtures import SECRET
from tests.urlwalk import all_urls

from .mfa_support import code_for, set_up, sign_in

pytestmark = pytest.mark.django_db

# Served before the second factor: sign-in and out, password reset, the keep-alive, health,
# and the second-factor pages themselves.
BEFORE = {
    "login",
    "logout",
    "session_extend",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
}


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED = True


def restricted_pages(meeting, secret_item, chair) -> list[str]:
    """A restricted item's surfaces: its meeting's page, its edit page, the agenda PDF, the
    actions CSV, the Summary of actions PDF and the calendar feed."""
    feed = CalendarFeed.objects.create(user=chair)
    return [
        reverse("meetings:meeting", args=[meeting.pk]),
        reverse("meetings:item_edit", args=[secret_item.pk]),
        reverse("meetings:agenda_pdf", args=[meeting.pk]),
        reverse("actions:csv"),
        reverse("actions:summary_pdf", args=[meeting.pk]),
        reverse("meetings:calendar_feed", kwargs={"token": feed.token}),
        "/api/v1/items/",
    ]


def test_every_page_sends_a_password_only_session_to_set_up(required, signed_in, world):
    client = signed_in(world.member)
    checked = 0
    for path, name in all_urls():
        # The public pages and the accessibility statement are for anyone, signed in or not.
        if name in BEFORE or name.startswith(("mfa:", "public:")) or name == "accessibility":
            continue
        for method in (client.get, client.post):
            response = method(path)
            where = f"{method.__name__} {path} ({name})"
            if name.startswith("api:") and name not in {"api:tokens", "api:docs"}:
                assert response.status_code == 403, where
                assert "second factor" in response.json()["detail"], where
                continue
            assert response.status_code == 302, where
            assert response["Location"].startswith(reverse("mfa:setup")), where
        checked += 1
    assert checked > 150


def test_restricted_content_needs_the_code_then_shows(
    required, client, world, password, meeting, secret_item
):
    client.force_login(world.chair, backend="django.contrib.auth.backends.ModelBackend")
    device, _ = set_up(client, world.chair)
    client.logout()
    pages = restricted_pages(meeting, secret_item, world.chair)
    assert sign_in(client, world.chair, password)["Location"].startswith(reverse("mfa:verify"))
    for page in pages:
        response = client.get(page)
        body = response.content.decode("utf-8", "replace")
        assert response.status_code in (302, 403), page
        assert SECRET not in body and "testimony" not in body, page
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("mfa:verify")), page
    with time_machine.travel(time.time() + 60, tick=False):
        assert client.post(reverse("mfa:verify"), {"code": code_for(device)}).status_code == 302
        shown = client.get(pages[0])
        assert shown.status_code == 200 and SECRET in shown.content.decode()
        for page in pages[1:]:
            assert client.get(page).status_code == 200, page


def test_no_device_means_set_up_first(required, client, world, password):
    response = sign_in(client, world.member, password, next_page="/actions/")
    assert response["Location"].startswith(reverse("mfa:setup"))
    assert "next=%2Factions%2F" in response["Location"]
    page = client.get(response["Location"])
    assert "This partnership asks everyone" in page.content.decode()


def test_a_device_reset_by_an_administrator_means_set_up_again(required, signed_in, world):
    client = signed_in(world.member)
    set_up(client, world.member)
    assert client.get("/").status_code == 200
    mfa.reset(actor=world.chair, person=world.member)
    response = client.get("/")
    assert response["Location"].startswith(reverse("mfa:setup"))


def test_an_api_token_is_its_own_key(required, signed_in, world):
    """Scripts authenticate by token, not by a password: no second factor is asked of them,
    even from a session that still owes one."""
    _, secret = token_create(user=world.member, name="script")
    client = signed_in(world.member)
    by_token = client.get("/api/v1/committees/", HTTP_AUTHORIZATION=f"Token {secret}")
    assert by_token.status_code == 200
    by_session = client.get("/api/v1/committees/")
    assert by_session.status_code == 403
    bad_token = client.get("/api/v1/committees/", HTTP_AUTHORIZATION="Token pm_nothing")
    assert bad_token.status_code == 401


def test_off_nothing_changes(signed_in, world, meeting):
    client = signed_in(world.chair)
    response = client.get(reverse("meetings:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    assert SECRET in response.content.decode()
