"""The embedded SQLite database takes the web process, the worker and the beat writing at once."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from django.conf import settings

WRITERS = 4
TRANSACTIONS = 120


def _env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return env | {
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }


def test_the_embedded_settings_open_sqlite_in_wal_with_immediate_transactions(tmp_path):
    """Checked in a process of its own on the embedded settings, whatever the suite runs on."""
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(settings.BASE_DIR),
        env=_env(tmp_path / "db.sqlite3"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    options = json.loads(out.strip().splitlines()[-1])
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 20


def test_four_processes_writing_one_file_lose_nothing(tmp_path):
    """4 processes x 120 read-then-write transactions: 480 written, 0 errors."""
    db = tmp_path / "db.sqlite3"
    root = Path(settings.BASE_DIR)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=root,
        env=_env(db),
        check=True,
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.sqlite_writer", str(n), str(TRANSACTIONS)],
            cwd=root,
            env=_env(db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    errors = "".join(err for _, err in results)
    counts = [tuple(map(int, out.split())) for out, _ in results]
    assert sum(w for w, _ in counts) == WRITERS * TRANSACTIONS, errors[-2000:]
    assert sum(e for _, e in counts) == 0, errors[-2000:]
    with closing(sqlite3.connect(db)) as conn:
        (rows,) = conn.execute(
            "SELECT count(*) FROM agencies_agency WHERE short_name LIKE 'W%'"
        ).fetchone()
    assert rows == WRITERS * TRANSACTIONS
