"""The access module's committee rule: partners see their committees, outsiders do not."""

import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.access import is_committee_officer, officer_committees, partner_committees
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "persona", ["chair", "clerk", "lead", "member", "manager", "partner_member"]
)
def test_partners_of_the_committee_see_it(world, persona):
    assert list(partner_committees(getattr(world, persona))) == [world.committee]


def test_host_agency_people_are_partners(world):
    from tests.factories import person_in

    assert list(partner_committees(person_in(world.mopac))) == [world.committee]


def test_people_of_agencies_not_on_the_committee_do_not_see_it(world):
    assert not partner_committees(world.outsider).exists()


def test_people_of_no_agency_and_anonymous_users_see_nothing(world):
    assert not partner_committees(UserFactory()).exists()
    assert not partner_committees(AnonymousUser()).exists()


def test_inactive_people_see_nothing(world):
    world.member.is_active = False
    assert not partner_committees(world.member).exists()


def test_only_chairs_and_secretariat_are_officers(world):
    assert is_committee_officer(world.chair, world.committee)
    assert is_committee_officer(world.clerk, world.committee)
    for persona in ("lead", "member", "manager", "partner_member", "outsider"):
        assert not is_committee_officer(getattr(world, persona), world.committee)
        assert not officer_committees(getattr(world, persona)).exists()


def test_a_person_in_several_agencies_sees_each_committee_once(world):
    from agencies.services import membership_set

    membership_set(user=world.member, agency=world.safer_london)
    membership_set(user=world.member, agency=world.mopac)
    assert list(partner_committees(world.member)) == [world.committee]
