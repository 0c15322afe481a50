"""Bad query strings, path segments and POST values answer 4xx, never 500 (issue 20)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["?meeting=%C2%B2", "?meeting=99999999999999999999999", "?meeting=-1", "?committee=nope"],
)
def test_register_refuses_a_bad_filter_with_a_message(world, meeting, signed_in, query):
    response = signed_in(world.lead).get(reverse("actions:register") + query)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_register_csv_refuses_a_unicode_digit(world, meeting, signed_in):
    response = signed_in(world.lead).get(reverse("actions:csv") + "?meeting=%C2%B2")
    assert response.status_code == 400


@pytest.mark.parametrize("query", ["?meeting=%C2%B2", "?item=abc", "?meeting=9" * 1 + "9" * 30])
def test_record_action_refuses_bad_ids(world, meeting, signed_in, query):
    response = signed_in(world.clerk).get(reverse("actions:create") + query)
    assert response.status_code in (400, 404)


@pytest.mark.parametrize(
    "url",
    [
        "/actions/?committee=%00",
        "/actions/?scope=mine%00",
        "/agencies/MPS%00/",
        "/audit/?committee=a%00b",
        "/attendance/statistics/?committee=%00",
        "/actions/dashboard/?agency=%00",
    ],
)
def test_nul_in_query_or_path_is_refused_with_400(world, meeting, signed_in, url):
    response = signed_in(world.chair).get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode() or "not allowed" in response.content.decode()


def test_nul_in_a_post_value_is_refused_before_any_view(world, meeting, signed_in):
    client = signed_in(world.clerk)
    url = reverse("actions:create") + f"?meeting={meeting.pk}"
    before = meeting.actions.count()
    response = client.post(url, {"description": "Write\x00 back", "owning_agency": world.mps.pk})
    assert response.status_code == 400
    assert meeting.actions.count() == before


def test_nul_in_the_sign_in_form_is_refused(client):
    response = client.post(reverse("login"), {"username": "a\x00@b.example", "password": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "target", ["abc", "//evil.example/", "https://evil.example/", "javascript:alert(1)"]
)
def test_record_action_ignores_a_next_that_is_not_a_local_path(world, signed_in, target):
    client = signed_in(world.clerk)
    response = client.get(reverse("actions:create"), {"next": target})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="{target}"' not in body


def test_record_action_keeps_a_local_next(world, meeting, signed_in):
    client = signed_in(world.clerk)
    target = meeting.get_absolute_url() + "#item-1"
    response = client.get(reverse("actions:create"), {"meeting": meeting.pk, "next": target})
    assert f'href="{target}"' in response.content.decode()
