"""Search shows nobody what the pages would not: restricted items, their papers, minutes and
actions, and draft meetings, are found only by those who may see them; counts too."""

from __future__ import annotations

import pytest

from audit.models import RestrictedRead

from .conftest import DRAFT_WORD, HIDDEN

pytestmark = pytest.mark.django_db


def _page(client, q: str, **extra) -> str:
    response = client.get("/search/", {"q": q, **extra})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("key", sorted(HIDDEN))
def test_a_member_without_the_grant_finds_nothing_and_no_count(world, searchable, signed_in, key):
    page = _page(signed_in(world.member), HIDDEN[key])
    # Only the typed word itself is on the page (in the box and the heading), nothing found with it.
    others = [word for other, word in HIDDEN.items() if other != key]
    assert not [word for word in [*others, "Testimony", "<mark>"] if word in page]
    assert "No results" in page
    assert 'id="results"' not in page
    for label in ("Agenda items (0)", "Papers (0)", "Minutes (0)", "Actions (0)"):
        assert label in page


@pytest.mark.parametrize("key", sorted(HIDDEN))
def test_the_granted_agency_finds_each_word(world, searchable, signed_in, key):
    page = _page(signed_in(searchable.granted), HIDDEN[key])
    assert 'id="results"' in page
    assert f"<mark>{HIDDEN[key]}</mark>" in page


def test_an_outsider_finds_nothing_of_the_committee(world, searchable, signed_in):
    page = _page(signed_in(world.outsider), "Bridgeford")
    assert "No results" in page


def test_a_partner_finds_the_public_item_its_minute_but_not_the_restricted_ones(
    world, searchable, signed_in
):
    page = _page(signed_in(world.member), "Bridgeford")
    assert "Agenda items (1)" in page and "Minutes (1)" in page
    assert HIDDEN["title"] not in page and "Testimony" not in page


def test_officers_find_draft_meetings_and_others_do_not(world, searchable, signed_in):
    assert "Meetings (1)" in _page(signed_in(world.clerk), DRAFT_WORD)
    for person in (world.member, searchable.granted, world.lead):
        page = _page(signed_in(person), DRAFT_WORD)
        assert "Meetings (0)" in page and "No results" in page


def test_draft_minutes_are_only_for_officers(world, searchable, signed_in):
    from minutes.models import Minutes

    Minutes.objects.filter(meeting=searchable.meeting).update(stage=Minutes.Stage.DRAFT)
    assert "Minutes (0)" in _page(signed_in(searchable.granted), HIDDEN["minute"])
    assert "Minutes (1)" in _page(signed_in(world.chair), HIDDEN["minute"])


def test_restricted_results_shown_are_logged_as_reads(world, searchable, signed_in):
    _page(signed_in(searchable.granted), HIDDEN["title"])
    reads = RestrictedRead.objects.filter(reader=searchable.granted, surface="search:results")
    assert reads.filter(item=searchable.item).exists()
    RestrictedRead.objects.all().delete()
    _page(signed_in(world.member), HIDDEN["title"])
    assert not RestrictedRead.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client, searchable):
    response = client.get("/search/", {"q": HIDDEN["title"]})
    assert response.status_code == 302
    assert HIDDEN["title"] not in response.content.decode()
