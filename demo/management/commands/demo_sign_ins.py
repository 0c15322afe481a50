"""`manage.py demo_sign_ins`: where the product is, where its emails go, and who to sign in as.

`make run` starts this beside the web server, worker and beat (see the Procfile) with `--wait-for`,
so that its lines come after their start-up output and the table of sign-ins is the last thing
on the screen. Honcho stops every process when one of them ends, so it then stays up, idle.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from config.celery import app
from demo.agencies import demo_sign_ins, sign_in_table

POLL_SECONDS = 0.5


def wait_for_address(address: str, timeout: float) -> bool:
    """Wait until something accepts connections at host:port; False if it never did."""
    host, _, port = address.rpartition(":")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # A connection that sends nothing is not logged by runserver as a request.
            with socket.create_connection((host or "127.0.0.1", int(port)), timeout=1):
                return True
        except OSError:
            time.sleep(POLL_SECONDS)
    return False


def wait_for_worker(timeout: float) -> bool:
    """Wait until a Celery worker answers a ping; False if none did in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1.0):
            return True
    return False


def where_emails_go() -> str:
    """One sentence on where this process's settings send emails."""
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "filebased":
        # Set only by the settings that write emails to files (config/settings/local.py).
        folder = Path(settings.EMAIL_FILE_PATH)  # type: ignore[misc]
        if folder.is_relative_to(settings.BASE_DIR):
            folder = folder.relative_to(settings.BASE_DIR)
        return f"Emails are written to files in {folder}/, not sent."
    if backend == "console":
        return "Emails are printed here, not sent."
    if backend == "smtp":
        return f"Emails are sent through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}."
    return f"Emails go to Django's {backend} email backend, not sent."


class Command(BaseCommand):
    help = "Print where the product is, where emails go and the demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default="partnership-demo", help="The demo password.")
        parser.add_argument(
            "--wait-for",
            metavar="HOST:PORT",
            help="First wait for the web server at this address and for a Celery worker; "
            "afterwards stay up until stopped.",
        )
        parser.add_argument(
            "--timeout", type=float, default=60.0, help="Seconds to wait for each (default 60)."
        )

    def handle(self, *args, password: str, wait_for: str | None, timeout: float, **options) -> None:
        if wait_for:
            if not wait_for_address(wait_for, timeout):
                self.stderr.write(f"Nothing answers at {wait_for} after {timeout:.0f} s.")
            if not wait_for_worker(timeout):
                self.stderr.write(f"No Celery worker answered after {timeout:.0f} s.")
        site = settings.SITE_URL.rstrip("/")
        self.stdout.write(f"Partnership meetings is at {site}/ (Ctrl-C stops it).")
        self.stdout.write(f"{where_emails_go()} The outbox: {site}/admin/actions/delivery/")
        self.stdout.write("")
        for line in sign_in_table(demo_sign_ins(), password=password):
            self.stdout.write(line)
        if wait_for:
            self.stdout.flush()
            # Ctrl-C reaches every process honcho runs; end quietly, without a traceback.
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()
