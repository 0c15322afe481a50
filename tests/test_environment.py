"""Under CI the real services must be there: these fail, never skip, when they are missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not IN_CI, reason="CI runs on PostgreSQL; locally SQLite is fine")
@pytest.mark.django_db
def test_ci_runs_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


@pytest.mark.skipif(not IN_CI, reason="CI uses the local Redis as broker")
def test_ci_has_redis_as_broker():
    import redis

    url = os.environ.get("CELERY_BROKER_URL", "")
    assert url.startswith("redis://"), "CI must point CELERY_BROKER_URL at the local Redis"
    assert redis.Redis.from_url(url, socket_connect_timeout=2).ping()


def test_production_settings_pass_check_deploy():
    # The browser fixture may lift Django's async guard in this process; production never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-for-the-check",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/deploy-check.sqlite3"),
        "DJANGO_ALLOWED_HOSTS": "meetings.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout
