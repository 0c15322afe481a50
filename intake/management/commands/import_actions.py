"""`manage.py import_actions FILE --committee SHORT`: bring in a committee's action log."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import User
from meetings import access
from meetings.models import Committee

from ...action_rows import plan_actions
from ...report import read_for_command, report_columns, row_lines
from ...services import ImportRefused, actions_import


def importer(committee: Committee, email: str | None) -> User:
    """Who the import is recorded as: the person named, else the committee's first clerk or
    chair (actions are recorded by the committee's officers)."""
    if email:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Nobody has the email address {email}.")
        return user
    officer = (
        committee.secretariat.order_by("pk").first() or committee.chairs.order_by("pk").first()
    )
    if officer is None:
        raise CommandError(f"{committee.name} has no clerk or chair: name one with --by EMAIL.")
    return officer


class Command(BaseCommand):
    help = "Import a committee's action log from a CSV or XLSX file (header in row 1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument("--committee", required=True, help="The committee's short name.")
        parser.add_argument("--by", help="Email of the chair or clerk it is recorded as.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing; say what would happen."
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the good rows, report the bad."
        )

    def handle(self, *args, file: str, committee: str, by: str | None, dry_run: bool,
               skip_invalid: bool, **options) -> None:  # fmt: skip
        found = Committee.objects.filter(short_name__iexact=committee).first()
        if found is None:
            raise CommandError(f"No committee has the short name {committee}.")
        user = importer(found, by)
        if not access.is_committee_officer(user, found):
            raise CommandError(f"{user} is not a chair or clerk of {found.name}.")
        path = Path(file)
        table = read_for_command(file)
        plan = plan_actions(table, committee=found, by=user)
        report_columns(self.stdout.write, table, plan.columns, plan.unused, plan.missing)
        bad = plan.errors
        for line in row_lines(bad):
            self.stderr.write(line)
        new, known = plan.count("create"), plan.count("exists")
        if dry_run:
            self.stdout.write(
                f"Dry run, nothing written: {new} actions would be created, {known} are already "
                f"there, {len(bad)} rows are refused."
            )
            if bad and not skip_invalid:
                raise CommandError(
                    f"{len(bad)} rows would be refused, so nothing would be imported."
                )
            return
        try:
            result = actions_import(
                plan=plan, committee=found, by=user, file_name=path.name, skip_invalid=skip_invalid
            )
        except ImportRefused as error:
            late = [r for r in error.rows if r not in bad]
            for line in row_lines(late):
                self.stderr.write(line)
            raise CommandError(
                f"{len(error.rows)} rows refused, so nothing was imported. Correct them, or use "
                "--skip-invalid to import the others."
            ) from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        late = [r for r in result.refused if r not in bad]
        for line in row_lines(late):
            self.stderr.write(line)
        self.stdout.write(
            f"Imported {path.name} into {found.name}: {result.created} actions created, "
            f"{result.unchanged} already there, {len(result.refused)} rows refused."
        )
