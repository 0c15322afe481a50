"""Loads the agencies and people of the seed documents; running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from agencies import services
from agencies.models import Agency, Membership, User
from demo.data.agencies import AGENCIES
from demo.data.people import PEOPLE, PERSONAS


@dataclass(frozen=True)
class DemoSignIn:
    """One row of the table of demo sign-ins."""

    email: str
    name: str
    role: str
    agencies: str


def _load_agency(row: dict) -> Agency:
    parent = Agency.objects.get(short_name=row["parent"]) if row["parent"] else None
    fields = {
        "name": row["name"],
        "kind": row["kind"],
        "parent": parent,
        "aliases": list(row["aliases"]),
    }
    agency = Agency.objects.filter(short_name=row["short_name"]).first()
    if agency is None:
        return services.agency_create(short_name=row["short_name"], **fields)
    changed = {k: v for k, v in fields.items() if getattr(agency, k) != v}
    return services.agency_update(agency=agency, **changed) if changed else agency


def _load_person(row: dict, agencies: dict[str, Agency]) -> User:
    user = User.objects.filter(email__iexact=row["email"]).first()
    if user is None:
        user = services.user_create(
            email=row["email"], full_name=row["full_name"], job_title=row["job_title"]
        )
    elif (user.full_name, user.job_title) != (row["full_name"], row["job_title"]):
        user.full_name, user.job_title = row["full_name"], row["job_title"]
        user.save(update_fields=["full_name", "job_title"])
    current = {m.agency_id: m.role for m in user.memberships.all()}
    for short_name, role in row["memberships"]:
        agency = agencies[short_name]
        if current.get(agency.id) != role:
            services.membership_set(user=user, agency=agency, role=role)
    return user


def _set_password(user: User, password: str) -> None:
    # A password that already matches is left alone, so a second run changes nothing.
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])


@transaction.atomic
def load_people(*, password: str) -> tuple[dict[str, User], list[DemoSignIn]]:
    """Create or update the seed agencies and people; give the demo personas a password."""
    agencies = {row["short_name"]: _load_agency(row) for row in AGENCIES}
    people = {row["key"]: _load_person(row, agencies) for row in PEOPLE}
    for persona in PERSONAS:
        _set_password(people[persona["person"]], password)
    return people, demo_sign_ins()


def demo_sign_ins() -> list[DemoSignIn]:
    """The demo personas as loaded, one row each, in the order of PERSONAS."""
    emails = {row["key"]: row["email"] for row in PEOPLE}
    users = {u.email.casefold(): u for u in User.objects.filter(email__in=emails.values())}
    rows = []
    for persona in PERSONAS:
        user = users.get(emails[persona["person"]].casefold())
        if user is None:
            continue
        roles = Membership.objects.filter(user=user).select_related("agency")
        rows.append(
            DemoSignIn(
                email=user.email,
                name=user.full_name,
                role=persona["role_label"],
                agencies=", ".join(
                    f"{m.agency.short_name} ({m.get_role_display()})" for m in roles
                ),
            )
        )
    return rows


def sign_in_table(sign_ins: list[DemoSignIn], *, password: str) -> list[str]:
    """The demo sign-ins as lines of text: a heading, then aligned columns."""
    rows = [("Email", "Name", "Role", "Agencies")]
    rows += [(s.email, s.name, s.role, s.agencies) for s in sign_ins]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"Demo sign-ins (password: {password})"]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[3]]))
    return lines


def person_by_name(name: str) -> dict | None:
    """The seed person a name refers to, under any spelling the documents use."""
    wanted = name.strip().casefold()
    for row in PEOPLE:
        if wanted in (n.casefold() for n in [row["full_name"], *row["aliases"]]):
            return row
    return None
