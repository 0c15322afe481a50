"""`manage.py load_demo`: the agencies, people, committees and meetings of the seed documents."""

from django.core.management.base import BaseCommand

from actions import chasing
from demo.actions import load_actions_demo
from demo.agencies import load_people, sign_in_table
from demo.attendance import load_attendance_demo
from demo.imports import load_recommendations
from demo.meetings import load_committees, load_meetings
from demo.minutes import load_minutes_demo
from meetings.models import AgendaItem


class Command(BaseCommand):
    help = "Load the demo data drawn from the seed meetings (safe to run again)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--password",
            default="partnership-demo",
            help="Password given to the demo sign-ins (default: partnership-demo).",
        )
        parser.add_argument(
            "--skip-sign-ins",
            action="store_true",
            help="Do not print the demo sign-ins (make run prints them once it is serving).",
        )

    def handle(self, *args, password: str, skip_sign_ins: bool = False, **options) -> None:
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
        imported = load_recommendations()
        self.stdout.write(
            f"Imported the diversity report's recommendations: {imported.created} new, "
            f"{imported.unchanged} already there."
        )
        # The demo's due dates are set around today, so the first sweep already has reminders
        # and escalations for the worker to send (make run writes them to var/mail/).
        self.stdout.write(f"Chasing sweep: {chasing.sweep().summary()}")
        if not skip_sign_ins:
            self.stdout.write("")
            for line in sign_in_table(sign_ins, password=password):
                self.stdout.write(line)
