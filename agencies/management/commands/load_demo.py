"""`manage.py load_demo`: the agencies, people, committees and meetings of the seed documents."""

from django.core.management.base import BaseCommand

from actions import chasing
from actions.demo import load_actions_demo
from agencies.demo import load_people
from attendance.demo import load_attendance_demo
from meetings.demo import load_committees, load_meetings
from meetings.models import AgendaItem
from minutes.demo import load_minutes_demo


class Command(BaseCommand):
    help = "Load the demo data drawn from the seed meetings (safe to run again)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--password",
            default="partnership-demo",
            help="Password given to the demo sign-ins (default: partnership-demo).",
        )

    def handle(self, *args, password: str, **options) -> None:
        people, sign_ins = load_people(password=password)
        committees = load_committees(people=people)
        meetings = load_meetings(people=people, committees=committees)
        self.stdout.write(
            f"Loaded {len(people)} people and {len(committees)} committees from the seed documents."
        )
        items = AgendaItem.objects.filter(meeting__in=meetings).count()
        self.stdout.write(f"Loaded {len(meetings)} meetings with {items} agenda items.")
        invited = load_attendance_demo()
        self.stdout.write(f"Loaded the attendance of the seed meetings ({invited} invitations).")
        minutes = load_minutes_demo()
        self.stdout.write(f"Loaded the minutes of {len(minutes)} meetings.")
        actions = load_actions_demo(people=people)
        self.stdout.write(f"Loaded {len(actions)} actions.")
        # The demo's due dates are set around today, so the first sweep already has reminders
        # and escalations for the worker to send (make run shows them in the console and outbox).
        self.stdout.write(f"Chasing sweep: {chasing.sweep().summary()}")
        self.stdout.write(f"\nDemo sign-ins (password: {password})\n")
        rows = [("Email", "Name", "Role", "Agencies")]
        rows += [(s.email, s.name, s.role, s.agencies) for s in sign_ins]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[3]]))
