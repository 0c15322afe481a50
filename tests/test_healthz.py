"""/healthz: JSON with the database and broker states; 503 when either is down."""

import os
import socket

import pytest
from django.db import OperationalError, connection

from tests.conftest import IN_CI

pytestmark = pytest.mark.django_db


def test_healthy_database_and_no_broker_configured(client, settings):
    settings.CELERY_BROKER_CONFIGURED = False
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "not configured"},
    }


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_broker_is_503(client, settings):
    settings.CELERY_BROKER_CONFIGURED = True
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    settings.HEALTHZ_BROKER_TIMEOUT = 0.5
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    assert response.json()["checks"]["broker"].startswith("error")
    assert response.json()["checks"]["database"] == "ok"


def test_failing_database_is_503(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error: OperationalError"


@pytest.mark.skipif(
    not (IN_CI or os.environ.get("CELERY_BROKER_URL", "").startswith("redis")),
    reason="needs the local Redis (CELERY_BROKER_URL)",
)
def test_real_redis_broker_is_healthy(client, settings):
    settings.CELERY_BROKER_CONFIGURED = True
    response = client.get("/healthz")
    assert response.json()["checks"]["broker"] == "ok", response.json()
    assert response.status_code == 200
