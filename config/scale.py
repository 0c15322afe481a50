"""Settings for running on more than one machine, read from the environment (README, "Scaling
out"): files in an S3-compatible bucket, PostgreSQL behind PgBouncer, reads from a replica.

Each is off unless its variable is set, so the embedded defaults (files on the local disk, one
database, no pooler) stay what `make run` uses.
"""

from __future__ import annotations

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
POOLERS = ("", "pgbouncer")


def file_storage(env: environ.Env) -> dict[str, Any]:
    """The default storage: the local disk, or an S3-compatible bucket (AWS S3, MinIO, ...) when
    AWS_STORAGE_BUCKET_NAME is set.

    Papers, evidence and import previews are private: they are only ever served through the
    product's views, which check the access rule and stream the file from storage. So objects
    are written with no ACL (the bucket's own, private, applies), and should anything ask for a
    file's URL it is a pre-signed one that expires within a minute, never a plain public one.
    Credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, an
    instance role, ...), never from these settings.
    """
    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return {"BACKEND": FILE_SYSTEM}
    return {
        "BACKEND": S3,
        "OPTIONS": {
            "bucket_name": bucket,
            # MinIO and other S3-compatible servers: their address, and path-style URLs.
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
            # A key prefix, so that one bucket can hold several deployments' files.
            "location": env("AWS_LOCATION", default=""),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            # A custom domain would make URLs unsigned: never.
            "custom_domain": None,
            # Stored names are random already; a clash must never replace another's file.
            "file_overwrite": False,
            # A download is read from the bucket into a temporary file: in memory up to 2 MB,
            # on disk beyond (the default keeps a whole 20 MB paper in memory).
            "max_memory_size": 2 * 1024 * 1024,
        },
    }


REPLICA_VIEWS = [
    "home",
    "actions:register",
    "actions:summary",
    "actions:dashboard",
    "meetings:meeting",
    "meetings:agenda_pdf",
    "search:results",
]
# `make run` has web, worker and beat writing one SQLite file. WAL lets readers run beside the
# one writer; IMMEDIATE takes the write lock when a transaction starts, so a read-then-write
# transaction waits (up to the busy timeout) instead of failing with "database is locked" when
# it tries to upgrade its read lock.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database(
    env: environ.Env, url: str, *, default: str | None = None, conn_max_age: int = 0
) -> dict[str, Any]:
    """The database named by the environment variable `url`, in one transaction per request,
    with what PgBouncer in transaction mode needs when DATABASE_POOL=pgbouncer.

    In transaction mode each transaction may run on a different server connection, so nothing
    may outlive a transaction on the server: Django's server-side cursors (`.iterator()` in
    autocommit declares a cursor WITH HOLD) are turned off, and so are psycopg's prepared
    statements (Django's default already). Session state (SET, session advisory locks, LISTEN,
    temporary tables) would leak between clients; the product uses none (README).
    """
    settings = env.db(url) if default is None else env.db(url, default=default)
    settings["ATOMIC_REQUESTS"] = True
    if settings["ENGINE"].endswith("sqlite3"):
        settings.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
        return settings
    settings["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=conn_max_age)
    # A kept connection is checked before a request reuses it (a restarted pooler or server).
    settings["CONN_HEALTH_CHECKS"] = settings["CONN_MAX_AGE"] != 0
    pool = env("DATABASE_POOL", default="").strip().lower()
    if pool not in POOLERS:
        raise ImproperlyConfigured(
            f"DATABASE_POOL must be one of {', '.join(repr(p) for p in POOLERS)}, not {pool!r}."
        )
    if pool == "pgbouncer":
        settings["DISABLE_SERVER_SIDE_CURSORS"] = True
        settings.setdefault("OPTIONS", {})["prepare_threshold"] = None
    else:
        # PgBouncer refuses startup options: behind it, set this on the role (README).
        settings.setdefault("OPTIONS", {}).setdefault("options", parallel_workers(env))
    return settings


def parallel_workers(env: environ.Env) -> str:
    """PostgreSQL's startup option capping a query's parallel workers (DATABASE_PARALLEL_WORKERS,
    0 by default). A page's queries are short and many run at once: a parallel plan's workers
    take cores from the other requests and cost more CPU than they save (a Met lead's home
    counts took 12 ms on one core, 20 ms on three)."""
    workers = env("DATABASE_PARALLEL_WORKERS", default="0").strip()
    if not workers.isdigit():
        raise ImproperlyConfigured(
            f"DATABASE_PARALLEL_WORKERS must be a whole number, not {workers!r}."
        )
    return f"-c max_parallel_workers_per_gather={int(workers)}"


def databases(
    env: environ.Env, *, default: str | None = None, conn_max_age: int = 0
) -> dict[str, dict[str, Any]]:
    """DATABASES: the primary (DATABASE_URL), and the read replica when DATABASE_REPLICA_URL
    is set (config/replica.py routes the reads of a few pages to it)."""
    primary = database(env, "DATABASE_URL", default=default, conn_max_age=conn_max_age)
    if "DATABASE_REPLICA_URL" not in env:
        return {"default": primary}
    replica = database(
        env, "DATABASE_REPLICA_URL", conn_max_age=primary.get("CONN_MAX_AGE", conn_max_age)
    )
    # Only reads go there, a statement at a time: no request transaction to open on it.
    replica["ATOMIC_REQUESTS"] = False
    # Tests run against the primary's test database: a replica has no test database of its own.
    replica["TEST"] = {"MIRROR": "default"}
    return {"default": primary, "replica": replica}


def replica_routing(
    env: environ.Env, databases: dict[str, Any], middleware: list[str]
) -> dict[str, Any]:
    """The router, the middleware and the pages for the replica, when there is one."""
    if "replica" not in databases:
        return {}
    return {
        "DATABASE_ROUTERS": ["config.replica.ReplicaRouter"],
        "MIDDLEWARE": [*middleware, "config.replica.ReplicaPagesMiddleware"],
        "DATABASE_REPLICA_VIEWS": env.list("DATABASE_REPLICA_VIEWS", default=REPLICA_VIEWS),
        "REPLICA_PIN_SECONDS": env.float("REPLICA_PIN_SECONDS", default=10.0),
    }
