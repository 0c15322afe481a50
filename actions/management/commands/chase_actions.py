"""`manage.py chase_actions`: one chasing sweep, for people who prefer cron to Celery beat."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandParser

from actions import chasing
from actions.models import Delivery
from agencies.models import User


class Command(BaseCommand):
    help = "Run one chasing sweep: write the reminders and escalations due and queue them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Sweep as if today were this London date (YYYY-MM-DD).",
        )

    def handle(self, *args, date: datetime.date | None = None, **options) -> None:
        result = chasing.sweep(date)
        self.stdout.write(result.summary())
        rows = (
            Delivery.objects.filter(pk__in=result.queued)
            .select_related("recipient", "notification__action")
            .order_by("pk")
        )
        for row in rows:
            notification = row.notification
            self.stdout.write(
                f"  queued: {notification.get_kind_display().lower()} for "
                f"{notification.action.reference} to {row.recipient.email}"
            )
        for email in User.objects.filter(pk__in=result.digests).values_list("email", flat=True):
            self.stdout.write(f"  queued: daily digest to {email}")
