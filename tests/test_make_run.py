"""What `make run` gives a newcomer: DEBUG off, emails in var/mail/, links that follow the chosen
host and port, no kombu noise, and the demo sign-ins printed last (after the web server's and
the worker's start-up)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from honcho.environ import parse_procfile

ROOT = Path(__file__).resolve().parent.parent
# Variables these tests set themselves, removed from what the test process inherited.
OURS = ("DJANGO_DEBUG", "EMAIL_URL", "HOST", "PORT", "SITE_URL", "DJANGO_ALLOWED_HOSTS")
PRINT_SETTINGS = """
import json, logging, django
django.setup()
from django.conf import settings
from kombu import Connection
warnings = []
handler = logging.Handler()
handler.emit = lambda record: warnings.append(record.getMessage())
logging.getLogger("kombu").addHandler(handler)
Connection(settings.CELERY_BROKER_URL).info()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_FILE_PATH": str(getattr(settings, "EMAIL_FILE_PATH", "")),
    "SITE_URL": settings.SITE_URL,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "kombu_warnings": warnings,
}))
"""


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in OURS}
    # The browser fixture may lift Django's async guard in this process; make run never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("CELERY_BROKER_URL", None)
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local", **extra}


def _local_settings(**extra: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=_clean_env(**extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_unless_asked_for():
    assert _local_settings()["DEBUG"] is False
    assert _local_settings(DJANGO_DEBUG="True")["DEBUG"] is True


def test_emails_are_files_in_var_mail_unless_email_url_is_set():
    embedded = _local_settings()
    assert embedded["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert embedded["EMAIL_FILE_PATH"] == str(ROOT / "var" / "mail")
    smtp = _local_settings(EMAIL_URL="smtp://mail.example:25")
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_the_chosen_host_is_allowed_and_site_url_is_read():
    chosen = _local_settings(HOST="meetings.local", SITE_URL="http://meetings.local:8300")
    assert "meetings.local" in chosen["ALLOWED_HOSTS"]
    assert chosen["SITE_URL"] == "http://meetings.local:8300"


def test_the_embedded_broker_raises_no_hostname_warning():
    assert _local_settings()["kombu_warnings"] == []


def _make_run_commands(*args: str, **extra: str) -> list[str]:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        ["make", "-n", "run", *args],
        cwd=ROOT,
        env=_clean_env(**extra),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.replace("\\\n", " ").splitlines()
    return [line for line in lines if "load_demo" in line or "honcho start" in line]


def test_site_url_follows_the_port_and_host_of_make_run():
    commands = _make_run_commands("PORT=8300", "HOST=localhost")
    assert len(commands) == 2
    for command in commands:
        assert "SITE_URL='http://localhost:8300'" in command
    assert "PORT=8300" in commands[1] and "HOST='localhost'" in commands[1]


def test_an_explicit_site_url_wins():
    for command in _make_run_commands("PORT=8300", SITE_URL="https://meetings.example"):
        assert "SITE_URL='https://meetings.example'" in command


def test_the_procfile_keeps_the_sign_ins_last():
    processes = parse_procfile((ROOT / "Procfile").read_text()).processes
    assert list(processes) == ["web", "worker", "beat", "demo"]
    for name in ("worker", "beat"):
        assert "--quiet" in processes[name] and "--loglevel WARNING" in processes[name]
    assert "demo_sign_ins" in processes["demo"] and "--wait-for" in processes["demo"]


@pytest.mark.django_db
def test_load_demo_prints_the_sweep_summary_once(caplog):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with caplog.at_level(logging.INFO):
        call_command("load_demo", password="x-demo", skip_sign_ins=True, stdout=out)
    printed = out.getvalue() + "\n".join(r.getMessage() for r in caplog.records)
    assert printed.count("Chasing sweep") == 1
    assert "Demo sign-ins" not in out.getvalue()
