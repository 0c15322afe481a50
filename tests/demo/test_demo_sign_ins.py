"""`manage.py demo_sign_ins`: where the product is, where its emails go, then the sign-ins as the
last lines; with --wait-for it first waits for the web server."""

from __future__ import annotations

import socket
from io import StringIO

import pytest
from django.core.management import call_command

from demo.data.people import PEOPLE, PERSONAS
from demo.management.commands.demo_sign_ins import wait_for_address

pytestmark = pytest.mark.django_db


def _email(key: str) -> str:
    return next(row["email"] for row in PEOPLE if row["key"] == key)


def test_sign_ins_come_last(settings):
    settings.SITE_URL = "http://127.0.0.1:8300"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = settings.BASE_DIR / "var" / "mail"
    call_command("load_demo", password="x-demo", skip_sign_ins=True, stdout=StringIO())
    out = StringIO()
    call_command("demo_sign_ins", password="x-demo", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Partnership meetings is at http://127.0.0.1:8300/ (Ctrl-C stops it)."
    assert lines[1].startswith("Emails are written to files in var/mail/, not sent.")
    assert "Demo sign-ins (password: x-demo)" in lines
    table = lines[-len(PERSONAS) :]
    for line, persona in zip(table, PERSONAS, strict=True):
        assert line.startswith(_email(persona["person"]))


def test_waits_for_a_listening_address_and_gives_up_on_a_silent_one():
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        assert wait_for_address(f"127.0.0.1:{port}", timeout=2)
    assert not wait_for_address(f"127.0.0.1:{port}", timeout=0.6)
