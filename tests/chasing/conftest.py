"""Real components for the chasing tests: a Redis server of the test's own (so it can be stopped
and started), an aiosmtpd mail sink, and real Celery workers and beats in child processes that
share the test database. They need PostgreSQL and redis-server: under CI=true they fail when
either is missing, elsewhere they skip.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import IN_CI

from .smtp_sink import Sink, start_sink

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A port nobody listens on, on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(
    check: Callable[[], object], timeout: float = 120, what: str | Callable[[], str] = ""
) -> object:
    """Poll until `check()` is truthy; fail with `what` (or what it returns) after `timeout`
    seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"Timed out after {timeout}s waiting for {what() if callable(what) else what}")


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI needs this: {reason}")
    pytest.skip(reason)


class RedisServer:
    """A redis-server process on its own port, stoppable like an outage."""

    def __init__(self, tmp: Path) -> None:
        self.port = free_port()
        self.tmp = tmp
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The broker URL."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (or start again) on the same port."""
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # `make test-any-day` preloads libfaketime into every process the suite starts;
            # redis-server (jemalloc) crashes under it, and the broker's clock is not ours.
            env={k: v for k, v in os.environ.items() if k != "LD_PRELOAD"},
        )
        wait_for(self.ping, 10, "redis-server to answer")

    def stop(self) -> None:
        """Stop it, losing whatever it held (the machine's Redis keeps nothing on disk)."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def ping(self) -> bool:
        """True when it answers."""
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.5).ping())
        except redis.exceptions.ConnectionError:
            return False


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A private, real Redis for one test."""
    _require(shutil.which("redis-server") is not None, "redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp() -> Iterator[tuple[Sink, int]]:
    """A real SMTP server on loopback that records what it accepts."""
    port = free_port()
    _, sink = start_sink(port)
    yield sink, port
    sink.release.set()
    sink.go_down()


@dataclass
class Celery:
    """Starts real workers and beats against the test's Redis, SMTP sink and database."""

    env: dict[str, str]
    logs: Path
    processes: list[tuple[str, subprocess.Popen]] = field(default_factory=list)
    # Counts every process started, so a later phase's logs do not overwrite an earlier one's.
    started: int = 0

    def _start(self, name: str, args: list[str], fake_now: str) -> subprocess.Popen:
        self.started += 1
        log = open(self.logs / f"{self.started:02d}-{name}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("celery_at.py")), "-A", "config", *args],
            cwd=ROOT,
            env={**self.env, "FAKE_NOW": fake_now},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))
        return process

    def worker(self, fake_now: str, concurrency: int = 2) -> subprocess.Popen:
        """A prefork worker whose clock reads `fake_now` (ISO, London) when it starts."""
        n = self.started
        return self._start(
            "worker",
            [
                "worker",
                "--pool",
                "prefork",
                "-c",
                str(concurrency),
                "-n",
                f"w{n}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
            ],
            fake_now,
        )

    def beat(self, fake_now: str) -> subprocess.Popen:
        """A beat sending the sweep every CHASING_SWEEP_SECONDS."""
        schedule = self.logs / f"beat-{self.started}.schedule"
        return self._start("beat", ["beat", "-s", str(schedule), "--loglevel", "INFO"], fake_now)

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the whole process group, as an OOM killer or a lost VM would."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop_all(self) -> None:
        """Stop every process gracefully, then for good."""
        for _, process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _, process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        self.processes.clear()

    def log_text(self) -> str:
        """All logs, for failure messages."""
        return "\n".join(p.read_text() for p in sorted(self.logs.glob("*.log")))


@pytest.fixture
def celery(transactional_db, redis_server, smtp, tmp_path) -> Iterator[Celery]:
    """Real Celery processes on the test database; stopped before the database is flushed."""
    _require(connection.vendor == "postgresql", "the worker tests need PostgreSQL")
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    _, smtp_port = smtp
    logs = tmp_path / "logs"
    logs.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": redis_server.url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "CHASING_SWEEP_SECONDS": "1",
        "CHASING_REQUEUE_SECONDS": "2",
        "CHASING_RETRY_BASE_SECONDS": "1",
        "CHASING_MAX_ATTEMPTS": "3",
        "SITE_URL": "https://meetings.example",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    runner = Celery(env=env, logs=logs)
    yield runner
    runner.stop_all()
