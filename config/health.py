"""/healthz: the state of the database and, when one is configured, the broker."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection


def database_state() -> str:
    """'ok' when the database answers a query, else the error."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means unhealthy; the message says which
        return f"error: {exc.__class__.__name__}"
    return "ok"


def broker_state() -> str:
    """'ok' when the configured broker accepts a connection, 'not configured' without one."""
    if not settings.CELERY_BROKER_CONFIGURED:
        return "not configured"
    timeout = settings.HEALTHZ_BROKER_TIMEOUT
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout) as conn:
            # kombu takes the timeout in seconds as a float; celery-types annotates it int.
            conn.ensure_connection(max_retries=1, timeout=timeout)  # type: ignore[arg-type]
    except Exception as exc:  # kombu raises several kinds; all mean unreachable
        return f"error: {exc.__class__.__name__}"
    return "ok"


# Not atomic: with the database down, opening the request's transaction would fail first.
@transaction.non_atomic_requests
@never_cache
@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with each component's state when all are healthy, 503 when any is not."""
    checks = {"database": database_state(), "broker": broker_state()}
    healthy = all(state in ("ok", "not configured") for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy", "checks": checks},
        status=200 if healthy else 503,
    )
