"""Agency pages: home, directory, agency page; query budgets that do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AgencyFactory, person_in

pytestmark = pytest.mark.django_db


def test_home_shows_my_agencies_roles_and_committees(world, signed_in):
    response = signed_in(world.lead).get(reverse("home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Metropolitan Police Service" in body
    assert "Agency lead" in body
    assert "MOPAC Challenge" in body


def test_home_of_an_outsider_shows_no_committee_of_others(world, signed_in):
    body = signed_in(world.outsider).get(reverse("home")).content.decode()
    assert "Crown Prosecution Service" in body
    assert "MOPAC Challenge" not in body


def test_agency_page_lists_its_people_and_roles(world, signed_in):
    response = signed_in(world.outsider).get(reverse("agencies:detail", args=["MPS"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert world.lead.full_name in body and "Agency lead" in body
    assert world.manager.full_name in body and "Manager" in body
    assert "the Met" in body


def test_unknown_agency_is_404(world, signed_in):
    assert signed_in(world.member).get(reverse("agencies:detail", args=["NOPE"])).status_code == 404


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_agency_list_query_count_does_not_grow_with_agencies(world, signed_in):
    client = signed_in(world.member)
    url = reverse("agencies:list")
    few = _queries(client, url)
    for _ in range(30):
        person_in(AgencyFactory(parent=world.mps))
    assert _queries(client, url) == few


def test_agency_page_query_count_does_not_grow_with_people(world, signed_in):
    client = signed_in(world.member)
    url = reverse("agencies:detail", args=["MPS"])
    few = _queries(client, url)
    for _ in range(30):
        person_in(world.mps)
        AgencyFactory(parent=world.mps)
    assert _queries(client, url) == few


def test_home_query_count_does_not_grow_with_memberships(world, signed_in):
    client = signed_in(world.member)
    few = _queries(client, reverse("home"))
    from agencies.services import membership_set
    from tests.factories import CommitteeFactory

    for _ in range(20):
        agency = AgencyFactory()
        membership_set(user=world.member, agency=agency)
        CommitteeFactory(host=agency)
    assert _queries(client, reverse("home")) == few
