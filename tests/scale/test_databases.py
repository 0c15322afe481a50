"""PgBouncer and the read replica by environment (config/scale.py, config/replica.py; issue #19).

The settings are read from the environment as a deployment sets it; the router is driven the
way Django's request handler drives it: the middleware marks the page, the request's own
transaction opens, then the view reads and writes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import environ
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from actions.models import Action
from audit.models import RestrictedRead
from config import scale
from config.replica import PIN_KEY, REPLICA, ReplicaPagesMiddleware, ReplicaRouter

ROOT = Path(__file__).resolve().parents[2]
PRIMARY_URL = "postgres://app:secret@db.internal:5432/meetings"
REPLICA_URL = "postgres://app:secret@replica.internal:5432/meetings"


@pytest.fixture
def clean_env(monkeypatch):
    """An environment without this machine's database variables."""
    for name in (
        *("DATABASE_URL", "DATABASE_POOL", "CONN_MAX_AGE"),
        *("DATABASE_REPLICA_URL", "DATABASE_PARALLEL_WORKERS"),
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_pgbouncer_in_transaction_mode_turns_off_what_outlives_a_transaction(clean_env):
    clean_env.setenv("DATABASE_URL", PRIMARY_URL)
    plain = scale.databases(environ.Env())["default"]
    assert "DISABLE_SERVER_SIDE_CURSORS" not in plain
    clean_env.setenv("DATABASE_POOL", "pgbouncer")
    clean_env.setenv("CONN_MAX_AGE", "30")
    pooled = scale.databases(environ.Env())["default"]
    assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert pooled["OPTIONS"]["prepare_threshold"] is None
    assert pooled["CONN_MAX_AGE"] == 30 and pooled["CONN_HEALTH_CHECKS"] is True
    assert pooled["ATOMIC_REQUESTS"] is True


def test_parallel_workers_are_capped_unless_behind_pgbouncer(clean_env):
    clean_env.setenv("DATABASE_URL", PRIMARY_URL)
    options = scale.databases(environ.Env())["default"]["OPTIONS"]
    assert options["options"] == "-c max_parallel_workers_per_gather=0"
    clean_env.setenv("DATABASE_PARALLEL_WORKERS", "2")
    options = scale.databases(environ.Env())["default"]["OPTIONS"]
    assert options["options"] == "-c max_parallel_workers_per_gather=2"
    # PgBouncer closes a connection that sends startup options: the role carries it there.
    clean_env.setenv("DATABASE_POOL", "pgbouncer")
    assert "options" not in scale.databases(environ.Env())["default"]["OPTIONS"]
    clean_env.setenv("DATABASE_POOL", "")
    clean_env.setenv("DATABASE_PARALLEL_WORKERS", "two")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_PARALLEL_WORKERS must be a whole"):
        scale.databases(environ.Env())


@pytest.mark.django_db
def test_the_cap_reaches_postgresql_on_every_connection():
    from django.db import connection

    from tests.conftest import IN_CI

    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("CI runs on PostgreSQL")
        pytest.skip("a PostgreSQL setting: the SQLite run has none")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


def test_an_unknown_pooler_is_refused_by_name(clean_env):
    clean_env.setenv("DATABASE_URL", PRIMARY_URL)
    clean_env.setenv("DATABASE_POOL", "pgpool")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_POOL must be one of"):
        scale.databases(environ.Env())


def test_the_embedded_sqlite_keeps_its_options(clean_env, tmp_path):
    found = scale.databases(environ.Env(), default=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert found["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert set(found) == {"default"}
    assert scale.replica_routing(environ.Env(), found, []) == {}


def test_a_replica_is_read_only_routing_and_mirrors_the_primary_in_tests(clean_env):
    clean_env.setenv("DATABASE_URL", PRIMARY_URL)
    clean_env.setenv("DATABASE_REPLICA_URL", REPLICA_URL)
    found = scale.databases(environ.Env(), conn_max_age=60)
    assert found["replica"]["HOST"] == "replica.internal"
    assert found["replica"]["ATOMIC_REQUESTS"] is False
    assert found["replica"]["TEST"] == {"MIRROR": "default"}
    routing = scale.replica_routing(environ.Env(), found, ["a.Middleware"])
    assert routing["DATABASE_ROUTERS"] == ["config.replica.ReplicaRouter"]
    assert routing["MIDDLEWARE"] == ["a.Middleware", "config.replica.ReplicaPagesMiddleware"]
    assert "actions:register" in routing["DATABASE_REPLICA_VIEWS"]


def _settings_of(module: str, **environment: str) -> dict:
    """DATABASES and routers as a fresh process with this environment builds them."""
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'databases': settings.DATABASES, "
        "'routers': settings.DATABASE_ROUTERS, 'middleware': settings.MIDDLEWARE}, default=str))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CONN_"))}
    env |= {"DJANGO_SETTINGS_MODULE": module, "DJANGO_SECRET_KEY": "x" * 50, **environment}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.production"])
def test_the_settings_modules_apply_the_pooler_and_the_replica_from_the_environment(module):
    found = _settings_of(
        module,
        DATABASE_URL=PRIMARY_URL,
        DATABASE_POOL="pgbouncer",
        DATABASE_REPLICA_URL=REPLICA_URL,
    )
    assert found["databases"]["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert found["databases"]["replica"]["NAME"] == "meetings"
    assert found["routers"] == ["config.replica.ReplicaRouter"]
    assert found["middleware"].count("config.replica.ReplicaPagesMiddleware") == 1
    plain = _settings_of(module, DATABASE_URL=PRIMARY_URL)
    assert "DISABLE_SERVER_SIDE_CURSORS" not in plain["databases"]["default"]
    assert set(plain["databases"]) == {"default"} and plain["routers"] == []


# --- the router -------------------------------------------------------------------------------

router = ReplicaRouter()


def _serve(request: HttpRequest, view) -> HttpResponse:
    """Serve `request` as Django's handler would: process_view, the request's transaction, the
    view."""

    def handler(request: HttpRequest) -> HttpResponse:
        request.resolver_match = resolve(request.path_info)
        middleware.process_view(request, view, (), {})
        with transaction.atomic():
            return view(request)

    middleware = ReplicaPagesMiddleware(handler)
    return middleware(request)


@pytest.fixture
def replica_pages(settings):
    settings.DATABASE_REPLICA_VIEWS = ["actions:register"]
    settings.REPLICA_PIN_SECONDS = 10.0


def _get(path: str, session: dict | None = None, user=None) -> HttpRequest:
    request = RequestFactory().get(path)
    request.session = session if session is not None else {}  # type: ignore[assignment]
    request.user = user or AnonymousUser()
    return request


@pytest.mark.django_db
def test_a_replica_page_reads_from_the_replica_until_it_writes(replica_pages):
    seen: list[str] = []

    def view(request):
        seen.append(router.db_for_read(Action))
        # The audit log of what the page shows does not move it off the replica.
        seen.append(router.db_for_write(RestrictedRead))
        seen.append(router.db_for_read(Action))
        seen.append(router.db_for_write(Action))
        seen.append(router.db_for_read(Action))
        return HttpResponse()

    _serve(_get("/actions/"), view)
    assert seen == [REPLICA, "default", REPLICA, "default", "default"]
    # Nothing outlives the request.
    assert router.db_for_read(Action) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_of_the_view_stay_on_the_primary(replica_pages):
    seen: list[str] = []

    def view(request):
        with transaction.atomic():
            seen.append(router.db_for_read(Action))
        # Once a page read from the primary it stays there: never newer rows, then older.
        seen.append(router.db_for_read(Action))
        return HttpResponse()

    _serve(_get("/actions/"), view)
    assert seen == ["default", "default"]


@pytest.mark.django_db
def test_other_pages_and_writes_use_the_primary(replica_pages):
    seen: list[str] = []

    def view(request):
        seen.append(router.db_for_read(Action))
        return HttpResponse()

    _serve(_get("/actions/dashboard/"), view)
    post = RequestFactory().post("/actions/")
    post.session, post.user = {}, AnonymousUser()  # type: ignore[assignment]
    _serve(post, view)
    assert seen == ["default", "default"]
    assert router.db_for_write(Action) == "default"
    assert router.allow_migrate("replica", "actions") is False
    assert router.allow_migrate("default", "actions") is True


@pytest.mark.django_db
def test_a_person_who_just_wrote_reads_from_the_primary_for_a_while(replica_pages, world):
    session: dict = {}
    seen: list[str] = []

    def view(request):
        seen.append(router.db_for_read(Action))
        return HttpResponse()

    post = RequestFactory().post("/actions/1/update/")
    post.session, post.user = session, world.lead  # type: ignore[assignment]
    _serve(post, view)
    assert session[PIN_KEY] > time.time()
    _serve(_get("/actions/", session, world.lead), view)
    session[PIN_KEY] = time.time() - 1
    _serve(_get("/actions/", session, world.lead), view)
    assert seen == ["default", "default", REPLICA]
