"""Persona fixtures: one small partnership with a committee, its officers and agency people.

MOPAC hosts the committee; the MPS and Safer London sit on it; the CPS does not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.test import Client

from agencies.models import Agency, Membership, User
from meetings.models import Committee

from .factories import PASSWORD, AgencyFactory, CommitteeFactory, UserFactory, person_in

IN_CI = os.environ.get("CI", "").lower() == "true"

pytest_plugins = ["tests.agenda_fixtures"]


@dataclass
class World:
    """The agencies, committee and personas the tests share."""

    mopac: Agency
    mps: Agency
    safer_london: Agency
    cps: Agency
    committee: Committee
    chair: User
    clerk: User
    lead: User
    member: User
    manager: User
    partner_member: User
    outsider: User


@pytest.fixture
def world(db) -> World:
    """A committee hosted by MOPAC with the MPS and Safer London as members; CPS is outside."""
    mopac = AgencyFactory(name="Mayor's Office for Policing and Crime", short_name="MOPAC")
    mps = AgencyFactory(
        name="Metropolitan Police Service",
        short_name="MPS",
        kind=Agency.Kind.POLICE,
        aliases=["the Met"],
    )
    safer_london = AgencyFactory(
        name="Safer London",
        short_name="SL",
        kind=Agency.Kind.VOLUNTARY,
        aliases=["Safer London Foundation"],
    )
    cps = AgencyFactory(
        name="Crown Prosecution Service", short_name="CPS", kind=Agency.Kind.JUSTICE
    )
    committee = CommitteeFactory(name="MOPAC Challenge", short_name="mopac-challenge", host=mopac)
    committee.member_agencies.set([mps, safer_london])
    chair = person_in(
        mopac, Membership.Role.MEMBER, full_name="Stephen Greenhalgh", email="chair@mopac.example"
    )
    clerk = UserFactory(full_name="Committee Clerk", email="clerk@mopac.example")
    committee.chairs.add(chair)
    committee.secretariat.add(clerk)
    return World(
        mopac=mopac,
        mps=mps,
        safer_london=safer_london,
        cps=cps,
        committee=committee,
        chair=chair,
        clerk=clerk,
        lead=person_in(mps, Membership.Role.LEAD, email="lead@met.example"),
        member=person_in(mps, Membership.Role.MEMBER, email="member@met.example"),
        manager=person_in(mps, Membership.Role.MANAGER, email="manager@met.example"),
        partner_member=person_in(safer_london, email="member@saferlondon.example"),
        outsider=person_in(cps, email="outsider@cps.example"),
    )


@pytest.fixture
def signed_in(client: Client):
    """Sign a person in through the sign-in backend and return the client."""

    def _sign_in(user: User) -> Client:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _sign_in


@pytest.fixture
def password() -> str:
    """The password every factory-made person has."""
    return PASSWORD
