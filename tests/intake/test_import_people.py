"""`import_people`: people and memberships, row errors, dry run, skipping, idempotent by email,
one transaction, unusable passwords, no email, an audit entry."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from agencies.models import Membership, User
from audit.models import ImportRecord

PEOPLE = """Full name,E-mail,Organisation,Role,Job title,Phone
Ann Example,Ann.Example@Met.Example,Met,Manager,Superintendent,0207
Bob Sample,bob@saferlondon.example,Safer London,,Youth worker,
Lead Person,lead@met.example,MPS,Lead,,
"""


def run(path, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_people", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def met(world):
    world.mps.aliases = ["Met"]
    world.mps.save()
    return world


def test_people_and_memberships_are_added_without_passwords_or_emails(met, csv_file) -> None:
    before = User.objects.count()
    out, _ = run(csv_file(PEOPLE), "--by", met.clerk.email)
    assert "2 people added, 0 given a new membership" in out
    assert "1 already there" in out
    assert "Columns not used: “Phone”" in out
    ann = User.objects.get(email="ann.example@met.example")
    assert ann.full_name == "Ann Example" and ann.job_title == "Superintendent"
    assert not ann.has_usable_password()
    assert Membership.objects.get(user=ann).role == Membership.Role.MANAGER
    assert ann.groups.filter(pk=met.mps.group_id).exists()
    assert User.objects.count() == before + 2
    assert mail.outbox == []
    record = ImportRecord.objects.get()
    assert (record.kind, record.imported_by, record.created, record.unchanged) == (
        "people",
        met.clerk,
        2,
        1,
    )


def test_importing_the_same_people_twice_adds_nothing(met, csv_file) -> None:
    path = csv_file(PEOPLE)
    run(path)
    count = (User.objects.count(), Membership.objects.count())
    out, _ = run(path)
    assert "0 people added" in out and "3 already there" in out
    assert (User.objects.count(), Membership.objects.count()) == count


def test_a_known_person_gets_the_new_role(met, csv_file) -> None:
    run(csv_file("Name,Email,Agency,Role\nX,member@met.example,MPS,Lead\n"))
    assert Membership.objects.get(user=met.member, agency=met.mps).role == Membership.Role.LEAD


BAD = """Name,Email,Agency,Role
Good Person,good@example.org,MPS,
,empty@example.org,MPS,
No Email,not-an-email,MPS,
Unknown,unknown@example.org,Ministry of Magic,
Bad Role,role@example.org,MPS,Emperor
"""


def test_bad_rows_refuse_the_file_naming_row_and_column(met, csv_file) -> None:
    before = User.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 rows refused"):
        call_command("import_people", str(csv_file(BAD)), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue()
    assert "Row 3, column A (Name): The name is empty." in lines
    assert "Row 4, column B (Email): “not-an-email” is not an email address." in lines
    assert "Row 5, column C (Agency): No agency is called “Ministry of Magic”" in lines
    assert "Row 6, column D (Role): “Emperor” is not a role" in lines
    assert User.objects.count() == before
    assert ImportRecord.objects.count() == 0


def test_skip_invalid_and_dry_run(met, csv_file) -> None:
    before = User.objects.count()
    out, _ = run(csv_file(BAD), "--dry-run", "--skip-invalid")
    assert "1 people would be added" in out and User.objects.count() == before
    out, _ = run(csv_file(BAD), "--skip-invalid")
    assert "1 people added" in out and "4 rows refused" in out
    assert User.objects.filter(email="good@example.org").exists()
    assert User.objects.count() == before + 1
