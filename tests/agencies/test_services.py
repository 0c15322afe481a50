"""People, agencies and memberships."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from agencies import selectors, services
from agencies.models import Agency, Membership, User
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_email_is_the_sign_in_and_is_stored_lower_case():
    user = services.user_create(email="Fay.Maxted@SurvivorsTrust.example", full_name="Fay Maxted")
    assert user.email == "fay.maxted@survivorstrust.example"
    assert User.objects.get_by_natural_key("FAY.MAXTED@survivorstrust.example") == user


def test_a_guest_who_never_signs_in_has_an_unusable_password():
    guest = services.user_create(email="witness@example.org", full_name="A witness")
    assert not guest.has_usable_password()
    assert not guest.can_sign_in


def test_two_people_cannot_share_an_email_in_any_case():
    services.user_create(email="one@example.org", full_name="One")
    with pytest.raises(ValidationError):
        services.user_create(email="ONE@example.org", full_name="Two")
    with pytest.raises(IntegrityError):
        User.objects.create(email="One@Example.org", full_name="Sneaky")


def test_agency_gets_its_own_group():
    agency = services.agency_create(name="NHS England", short_name="NHSE", kind=Agency.Kind.HEALTH)
    assert agency.group.name == "agency:NHSE"
    services.agency_update(agency=agency, short_name="NHS-E")
    agency.group.refresh_from_db()
    assert agency.group.name == "agency:NHS-E"


def test_agency_with_a_bad_kind_is_refused_and_leaves_nothing():
    with pytest.raises(ValidationError):
        services.agency_create(name="X", short_name="X", kind="spies")
    assert not Agency.objects.filter(short_name="X").exists()


def test_membership_puts_the_person_in_the_agency_group_and_out_again():
    user = UserFactory()
    agency = AgencyFactory()
    membership = services.membership_set(user=user, agency=agency, role=Membership.Role.LEAD)
    assert agency.group in user.groups.all()
    services.membership_remove(membership=membership)
    assert agency.group not in user.groups.all()
    assert not Membership.objects.filter(user=user).exists()


def test_a_person_may_belong_to_several_agencies_with_different_roles():
    user = UserFactory()
    police, council = AgencyFactory(), AgencyFactory()
    services.membership_set(user=user, agency=police, role=Membership.Role.MANAGER)
    services.membership_set(user=user, agency=council, role=Membership.Role.MEMBER)
    roles = {m.agency: m.role for m in selectors.user_memberships(user=user)}
    assert roles == {police: "manager", council: "member"}


def test_setting_a_membership_again_changes_the_role_not_the_count():
    user, agency = UserFactory(), AgencyFactory()
    services.membership_set(user=user, agency=agency, role=Membership.Role.MEMBER)
    services.membership_set(user=user, agency=agency, role=Membership.Role.LEAD)
    assert Membership.objects.get(user=user).role == Membership.Role.LEAD


def test_agency_match_finds_aliases_ignoring_case():
    agency = services.agency_create(
        name="Safer London", short_name="SL", aliases=["Safer London Foundation"]
    )
    assert selectors.agency_match(name="safer london foundation ") == agency
    assert selectors.agency_match(name="SL") == agency
    assert selectors.agency_match(name="Unknown Trust") is None
