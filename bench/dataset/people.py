"""Agencies, people and their memberships."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from agencies.models import Agency, Membership, User
from bench.dataset.bulk import _bulk
from bench.dataset.constants import (
    BIG_AGENCY,
    BOROUGHS,
    EMAILS,
    FIRST,
    HOST_AGENCY,
    LAST,
    PASSWORD,
    SERVICES,
    SMALL_AGENCY,
)
from demo.data.agencies import AGENCIES as SEED_AGENCIES


class AgenciesAndPeople:
    """The generator's steps that write agencies and people."""

    def agencies(self) -> None:
        """Seed agencies first (MOPAC, MPS...), then borough services, then a small charity."""
        wanted = self.sizes.agencies - 1
        specs = [(a["name"], a["short_name"], a["kind"]) for a in SEED_AGENCIES][:wanted]
        names = {name for name, _, _ in specs}
        index = 0
        while len(specs) < wanted:
            borough = BOROUGHS[index % len(BOROUGHS)]
            service, kind = SERVICES[(index // len(BOROUGHS)) % len(SERVICES)]
            round_ = index // (len(BOROUGHS) * len(SERVICES))
            name = f"{borough} {service}" + (f" {round_ + 1}" if round_ else "")
            if name not in names:
                names.add(name)
                specs.append((name, f"B{index:04d}", kind))
            index += 1
        specs.append(("Bench Small Charity", SMALL_AGENCY, Agency.Kind.VOLUNTARY))
        groups = _bulk(Group, [Group(name=f"agency:{s}") for _, s, _ in specs], self.built.counts)
        rows = [
            Agency(name=name, short_name=short, kind=kind, group=group)
            for (name, short, kind), group in zip(specs, groups, strict=True)
        ]
        self.agency_list = _bulk(Agency, rows, self.built.counts)
        by_short = {a.short_name: a for a in self.agency_list}
        self.host = by_short[HOST_AGENCY]
        self.big = by_short[BIG_AGENCY]
        self.small = by_short[SMALL_AGENCY]
        self.group_of = {a.pk: a.group_id for a in self.agency_list}

    def people(self) -> None:
        """Each agency gets a lead and a manager; the rest are members, the MPS many of them."""
        rng = self.rng
        password = make_password(PASSWORD)
        agencies = self.agency_list
        users: list[User] = []
        roles: list[tuple[int, int, str]] = []  # (user index, agency id, role)

        def person(email: str, agency: Agency, role: str) -> None:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            users.append(User(email=email, full_name=name, job_title=role, password=password))
            roles.append((len(users) - 1, agency.pk, role))

        R = Membership.Role
        person(EMAILS["member"], self.big, R.MEMBER)
        person(EMAILS["lead"], self.big, R.LEAD)
        person(EMAILS["manager"], self.big, R.MANAGER)
        person(EMAILS["small_lead"], self.small, R.LEAD)
        person(EMAILS["small_manager"], self.small, R.MANAGER)
        for agency in agencies:
            if agency.pk == self.small.pk:
                continue
            for role in (R.LEAD, R.MANAGER):
                if agency.pk == self.big.pk:
                    continue
                person(f"{role}.{agency.short_name.lower()}@agency.bench.example", agency, role)
        others = [a for a in agencies if a.pk != self.small.pk]
        weights = [20 if a.pk == self.big.pk else 1 for a in others]
        for n in range(max(self.sizes.users - len(users), 0)):
            agency = rng.choices(others, weights)[0]
            person(f"person{n:05d}@agency.bench.example", agency, R.MEMBER)
        created = _bulk(User, users, self.built.counts)
        memberships = [
            Membership(user_id=created[i].pk, agency_id=agency_id, role=role)
            for i, agency_id, role in roles
        ]
        # One in ten people also belongs to a second agency.
        for i, agency_id, _ in roles[5:]:
            if rng.random() < 0.1:
                second = rng.choice(others)
                if second.pk != agency_id:
                    memberships.append(Membership(user_id=created[i].pk, agency_id=second.pk))
        _bulk(Membership, memberships, self.built.counts)
        # As agencies.services.membership_set does: what is granted to an agency goes to its group.
        in_group = User.groups.through
        rows = [
            in_group(user_id=m.user_id, group_id=self.group_of[m.agency_id]) for m in memberships
        ]
        _bulk(in_group, rows, self.built.counts)
        self.members: dict[int, list[int]] = {}
        self.leads: dict[int, int] = {}
        self.managers: dict[int, int] = {}
        for i, agency_id, role in roles:
            if role == R.LEAD:
                self.leads[agency_id] = created[i].pk
            elif role == R.MANAGER:
                self.managers[agency_id] = created[i].pk
            else:
                self.members.setdefault(agency_id, []).append(created[i].pk)
        self.people_ids = [u.pk for u in created[5:]]
