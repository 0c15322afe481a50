"""`manage.py import_people FILE`: bring in people and their agency memberships."""

from __future__ import annotations

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import User

from ...people_rows import people_import, plan_people
from ...report import read_for_command, report_columns, row_lines
from ...services import ImportRefused


class Command(BaseCommand):
    help = (
        "Import people and memberships (Name, Email, Agency, Role, Job title) from CSV or XLSX. "
        "New people cannot sign in until they choose a password (password reset); nobody is "
        "emailed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument("--by", help="Email of the person the import is logged as.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing; say what would happen."
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the good rows, report the bad."
        )

    def handle(self, *args, file: str, by: str | None, dry_run: bool, skip_invalid: bool,
               **options) -> None:  # fmt: skip
        user = None
        if by:
            user = User.objects.filter(email__iexact=by.strip()).first()
            if user is None:
                raise CommandError(f"Nobody has the email address {by}.")
        path = Path(file)
        table = read_for_command(file)
        plan = plan_people(table)
        report_columns(self.stdout.write, table, plan.columns, plan.unused, plan.missing)
        bad = plan.errors
        for line in row_lines(bad):
            self.stderr.write(line)
        new, changed, known = plan.count("create"), plan.count("update"), plan.count("exists")
        if dry_run:
            self.stdout.write(
                f"Dry run, nothing written: {new} people would be added, {changed} given a new "
                f"membership or role, {known} are already there, {len(bad)} rows are refused."
            )
            if bad and not skip_invalid:
                raise CommandError(
                    f"{len(bad)} rows would be refused, so nothing would be imported."
                )
            return
        try:
            done, unchanged, refused = people_import(
                plan=plan, file_name=path.name, by=user,
                by_name=f"{getpass.getuser()} (command line)", skip_invalid=skip_invalid,
            )  # fmt: skip
        except ImportRefused as error:
            raise CommandError(
                f"{len(error.rows)} rows refused, so nothing was imported. Correct them, or use "
                "--skip-invalid to import the others."
            ) from error
        self.stdout.write(
            f"Imported {path.name}: {new} people added, {changed} given a new membership or "
            f"role ({done} rows), {unchanged} already there, {refused} rows refused."
        )
