"""The chasing sweep in fresh processes, and delivery by Celery workers to a local SMTP sink."""

from __future__ import annotations

import datetime
import json
import os
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


def requeue_sent(since: float) -> int:
    """Put what the last delivery run sent back in the outbox, queued, so that the next run
    (with more workers) sends the same emails again; returns how many emails that is."""
    from django.db import connections
    from django.utils import timezone

    from actions.models import Delivery
    from actions.tasks import queue_deliveries

    started = timezone.now() - datetime.timedelta(seconds=time.monotonic() - since)
    sent = Delivery.objects.filter(state=Delivery.State.SENT, sent_at__gte=started)
    rows = list(sent.values_list("id", "recipient_id", "digest"))
    now = timezone.now()
    sent.update(state=Delivery.State.PENDING, sent_at=None, attempts=0, queued_at=now)
    emails = sorted(pk for pk, _, digest in rows if not digest)
    digests = sorted({recipient for _, recipient, digest in rows if digest})
    queue_deliveries(emails, digests)
    connections.close_all()
    return len(emails) + len(digests)


def _worker(env: dict[str, str], n: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "-n",
            f"bench{n}@%h",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux), 0 where /proc cannot tell."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def deliver(env: dict[str, str], expected: int, limit_s: float, workers: int = 1) -> dict:
    """Run `workers` Celery workers (solo pool, one process each) until the sink has what was
    queued (or time runs out)."""
    import redis

    sink = Sink()
    worker_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}"}
    started = time.monotonic()
    processes = [_worker(worker_env, n) for n in range(workers)]
    deadline = started + limit_s
    cpu_at_first: float | None = None
    try:
        while time.monotonic() < deadline and len(sink.times) < expected:
            if cpu_at_first is None and sink.times:
                # Past the workers' start-up (importing Django costs a second or two of CPU).
                cpu_at_first = sum(_cpu_seconds(worker.pid) for worker in processes)
            for worker in processes:
                if worker.poll() is not None:
                    errors = worker.stderr.read() if worker.stderr else ""
                    raise SystemExit(f"A Celery worker stopped:\n{errors[-4000:]}")
            time.sleep(0.2)
    finally:
        cpu = sum(_cpu_seconds(worker.pid) for worker in processes) - (cpu_at_first or 0.0)
        for worker in processes:
            worker.send_signal(signal.SIGTERM)
        for worker in processes:
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()
        sink.stop()
        redis.Redis.from_url(env["CELERY_BROKER_URL"]).flushdb()
    times = sink.times
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    return {
        "workers": workers,
        "started": started,
        "sent": len(times),
        "expected": expected,
        "first_after_s": round(times[0] - started, 1) if times else None,
        "span_s": round(span, 1),
        "per_second": round((len(times) - 1) / span, 1) if span else 0.0,
        "finished": len(times) >= expected,
        # The workers' own CPU per email: what the machine's other load does not change much.
        "cpu_ms_per_email": round(cpu * 1000 / (len(times) - 1), 1) if len(times) > 1 else None,
    }
