"""The chasing sweep in fresh processes, and delivery by one Celery worker to a local SMTP sink."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.runner.common import BIN, ROOT, free_port


def reset_chasing() -> int:
    """Forget what earlier sweeps wrote (the steps of outstanding actions), so that a reused
    dataset gives a first sweep again; the generated history (of done actions) stays."""
    from actions.models import Action, Delivery, Notification

    written = Notification.objects.filter(action__status__in=Action.OUTSTANDING)
    Delivery.objects.filter(notification__in=written).delete()
    return written.delete()[0]


def run_sweep(env: dict[str, str], profile: Path | None = None) -> dict:
    """One sweep in a fresh process."""
    command = [sys.executable, "-m", "bench.sweep"]
    if profile:
        command += ["--profile", str(profile)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"The sweep failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class Sink:
    """A local SMTP server (aiosmtpd) that counts what it accepts and when."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.times: list[float] = []
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink.lock:
                    sink.times.append(time.monotonic())
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Stop the server."""
        self.controller.stop()


def deliver(env: dict[str, str], expected: int, limit_s: float) -> dict:
    """Run one Celery worker until the sink has what the sweep queued (or time runs out)."""
    import redis

    sink = Sink()
    worker_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}"}
    worker = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=worker_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    started = time.monotonic()
    deadline = started + limit_s
    try:
        while time.monotonic() < deadline and len(sink.times) < expected:
            if worker.poll() is not None:
                errors = worker.stderr.read() if worker.stderr else ""
                raise SystemExit(f"The Celery worker stopped:\n{errors[-4000:]}")
            time.sleep(0.5)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
        sink.stop()
        redis.Redis.from_url(env["CELERY_BROKER_URL"]).flushdb()
    times = sink.times
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    return {
        "sent": len(times),
        "expected": expected,
        "first_after_s": round(times[0] - started, 1) if times else None,
        "span_s": round(span, 1),
        "per_second": round((len(times) - 1) / span, 1) if span else 0.0,
        "finished": len(times) >= expected,
    }
