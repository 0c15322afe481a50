"""Importing people and their memberships (name, email, agency, role): planned like an action
log (row errors by row and column, nothing written), keyed by email so that a list imported
twice adds nothing. New people get an unusable password: they choose one through the password
reset or a sign-in link, as people added on the pages do; nobody is emailed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from agencies.models import Agency, Membership, User
from agencies.services import membership_set, user_create
from audit.models import ImportRecord
from audit.services import import_record

from .matching import AgencyMatcher
from .reading import Table
from .services import ImportRefused
from .values import CellError, header_fields, text

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("full name", "person", "name of person"),
    "email": ("email address", "e-mail", "e mail", "mail"),
    "agency": ("organisation", "organization", "org", "agency name", "action by"),
    "role": ("membership role", "role in agency", "agency role"),
    "job_title": ("job title", "title", "position", "post"),
}
LABELS = {"name": "Name", "email": "Email", "agency": "Agency", "role": "Role",
          "job_title": "Job title"}  # fmt: skip
REQUIRED = ("name", "email")
R = Membership.Role
ROLES = {"": R.MEMBER, "member": R.MEMBER, "lead": R.LEAD, "agency lead": R.LEAD,
         "lead officer": R.LEAD, "manager": R.MANAGER}  # fmt: skip
LIMITS = {
    "name": User._meta.get_field("full_name").max_length or 150,
    "email": User._meta.get_field("email").max_length or 254,
    "job_title": User._meta.get_field("job_title").max_length or 200,
}


@dataclass
class PersonRow:
    """One row: the person (new or known), the membership, or why it cannot be imported."""

    number: int
    outcome: str = "create"  # create | update | exists | error
    errors: list[tuple[str, str]] = field(default_factory=list)
    name: str = ""
    email: str = ""
    job_title: str = ""
    agency: Agency | None = None
    role: str = R.MEMBER
    user: User | None = None


@dataclass
class PeoplePlan:
    """Every row planned; the columns used and not used."""

    rows: list[PersonRow]
    columns: dict[str, int]
    headers: list[str]
    unused: list[str]
    missing: list[str]

    @property
    def errors(self) -> list[PersonRow]:
        """The rows that cannot be imported."""
        return [r for r in self.rows if r.outcome == "error"]

    def count(self, outcome: str) -> int:
        """How many rows have this outcome."""
        return sum(1 for r in self.rows if r.outcome == outcome)


def _read(row: PersonRow, typed: dict[str, str], agencies: AgencyMatcher, fail) -> None:
    for name, limit in LIMITS.items():
        if len(typed.get(name, "")) > limit:
            fail(name, f"This cell has {len(typed[name]):,} characters; the limit is {limit:,}.")
    row.name = " ".join(typed["name"].split())[: LIMITS["name"]]
    if not row.name:
        fail("name", "The name is empty.")
    row.email = User.objects.normalize_email(typed["email"].strip()).lower()
    try:
        validate_email(row.email)
    except ValidationError:
        fail("email", f"“{typed['email']}” is not an email address.")
    row.job_title = typed.get("job_title", "")[: LIMITS["job_title"]]
    if typed.get("agency"):
        try:
            row.agency = agencies.match(typed["agency"])
        except CellError as error:
            fail("agency", str(error))
    role = " ".join(typed.get("role", "").casefold().split())
    if role not in ROLES:
        fail("role", f"“{typed['role']}” is not a role: write Member, Lead or Manager.")
    elif role and row.agency is None and "agency" in typed:
        fail("agency", "A role needs an agency.")
    row.role = ROLES.get(role, R.MEMBER)


def plan_people(table: Table) -> PeoplePlan:
    """Read, check and match every row of a list of people; write nothing."""
    columns, unused = header_fields(table.headers, COLUMNS)
    missing = [LABELS[n] for n in REQUIRED if n not in columns]
    rows: list[PersonRow] = []
    if missing:
        return PeoplePlan(rows, columns, table.headers, unused, missing)
    agencies = AgencyMatcher()
    for offset, cells in enumerate(table.rows):
        if all(not text(c) for c in cells):
            continue
        row = PersonRow(number=offset + 2)
        typed = {name: text(cells[index]) for name, index in columns.items()}

        def fail(name: str, message: str, row: PersonRow = row) -> None:
            index = columns[name]
            label = f"{Table.column_letter(index)} ({table.headers[index] or LABELS[name]})"
            row.errors.append((label, message))

        _read(row, typed, agencies, fail)
        rows.append(row)
    known = {u.email.lower(): u for u in User.objects.filter(email__in={r.email for r in rows})}
    memberships = {
        (m.user_id, m.agency_id): m.role
        for m in Membership.objects.filter(user__in=list(known.values()))
    }
    seen: dict[tuple[str, int | None], int] = {}
    for row in rows:
        key = (row.email, row.agency.pk if row.agency else None)
        if key in seen:
            row.errors.append(("Row", f"This repeats row {seen[key]}."))
        seen.setdefault(key, row.number)
        row.user = known.get(row.email)
        if row.errors:
            row.outcome = "error"
        elif row.user is None:
            row.outcome = "create"
        elif row.agency is None or memberships.get((row.user.pk, row.agency.pk)) == row.role:
            row.outcome = "exists"
        else:
            row.outcome = "update"
    return PeoplePlan(rows, columns, table.headers, unused, missing)


def digest_of(rows: list[PersonRow]) -> str:
    """A fingerprint of the planned rows."""
    summary = repr([(r.number, r.outcome, r.email, r.agency and r.agency.pk, r.role) for r in rows])
    return hashlib.sha256(summary.encode()).hexdigest()


@transaction.atomic
def people_import(
    *, plan: PeoplePlan, file_name: str, by: User | None, by_name: str, skip_invalid: bool = False
) -> tuple[int, int, int]:
    """Create the new people and set the memberships, in one transaction; returns (created or
    updated, unchanged, refused). Without skip_invalid, a bad row writes nothing."""
    refused = plan.errors
    if plan.missing or (refused and not skip_invalid):
        raise ImportRefused(refused)
    done = 0
    for row in plan.rows:
        if row.outcome not in ("create", "update"):
            continue
        user = row.user or user_create(email=row.email, full_name=row.name, job_title=row.job_title)
        if row.agency is not None:
            membership_set(user=user, agency=row.agency, role=row.role)
        done += 1
    import_record(
        by=by,
        by_name=by_name,
        kind=ImportRecord.Kind.PEOPLE,
        via=ImportRecord.Via.COMMAND,
        file_name=file_name,
        created=done,
        unchanged=plan.count("exists"),
        refused=len(refused),
    )
    return done, plan.count("exists"), len(refused)
