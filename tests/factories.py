"""factory_boy factories for the domain, built through the services where they keep invariants."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import factory
from faker import Faker
from guardian.shortcuts import assign_perm, remove_perm

from agencies import services
from agencies.models import Agency, Membership, User
from meetings.models import Committee

PASSWORD = "correct horse battery staple"
_FAKER = Faker("en_GB")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@partners.example")
    # No apostrophes (O'Connor): pages escape them, and a test looking for the name in HTML
    # would fail one run in a few hundred.
    full_name = factory.LazyFunction(lambda: _FAKER.name().replace("'", ""))
    job_title = "Officer"
    password = factory.django.Password(PASSWORD)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.Sequence(lambda n: f"AG{n}")
    kind = Agency.Kind.OTHER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.agency_create(**kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Membership.Role.MEMBER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.membership_set(**kwargs)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Committee {n}")
    short_name = factory.Sequence(lambda n: f"committee-{n}")
    host = factory.SubFactory(AgencyFactory)


def person_in(agency: Agency, role: str = Membership.Role.MEMBER, **fields) -> User:
    """A new person who belongs to an agency in a role."""
    user = UserFactory(**fields)
    services.membership_set(user=user, agency=agency, role=role)
    return user


@contextmanager
def granted_while(item, *agencies: Agency) -> Iterator[None]:
    """Grant agencies sight of a restricted item for the block, then revoke it: the state a
    grant revoked after an action was recorded leaves (its owners no longer see it). Recording
    an action for an agency without the grant is refused (actions.ownership)."""
    for agency in agencies:
        assign_perm("view_agendaitem", agency.group, item)
    yield
    for agency in agencies:
        remove_perm("view_agendaitem", agency.group, item)
