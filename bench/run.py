"""The benchmark runner behind `make bench`.

    python -m bench.run [--scale 1] [--duration 15] [--users 1,8,32] [--workers 4]

1. (Re)creates a dedicated PostgreSQL database (`bench` on the local server unless
   BENCH_DATABASE_URL says otherwise), migrates it and generates the dataset (bench.generate).
2. Serves the product with gunicorn on a free loopback port under `bench.settings` (production
   settings plus the floor views and a query-counting middleware) and drives each measured page
   and its floor view with Locust (headless) at each number of concurrent signed-in users.
3. Runs the chasing sweep twice in fresh processes (wall time, peak memory), then delivers what
   the first one queued with one Celery worker (a dedicated Redis database) to a local aiosmtpd
   sink, and measures emails per second.
4. Prints the results and writes them, with the machine's size, to bench/results/.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/13"
QUERIES_HEADER = "X-Bench-Queries"
# Targets of issue 7.
RATIO_TARGET = 2.0
SWEEP_TARGET_S = 10.0
SWEEP_MEMORY_TARGET_MB = 300.0
REPEAT_TARGET_S = 2.0


def log(message: str) -> None:
    """Progress on stderr, so that stdout carries only the results."""
    print(message, file=sys.stderr, flush=True)


# -- the database -----------------------------------------------------------------------------


def _admin_url(url: str) -> tuple[str, str]:
    """(a URL of the server's maintenance database, the benchmark database's name)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name in ("postgres", "template1"):
        raise SystemExit(f"Refusing to recreate database {name!r}: use a dedicated name.")
    return urlunsplit(parts._replace(path="/postgres")), name


def recreate_database(url: str) -> None:
    """Drop and create the benchmark's own database."""
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    """Drop the benchmark's database."""
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- the machine ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    """Cores, memory, CPU, PostgreSQL and software versions, and the load before the run."""
    import django
    from django.db import connection

    info = {"cores": str(os.cpu_count())}
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
        info["memory"] = f"{kb / 1024 / 1024:.1f} GiB"
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        info["cpu"] = cpu.group(1).strip() if cpu else platform.processor()
    except OSError:
        info["memory"] = info["cpu"] = "unknown"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        info["postgresql"] = cursor.fetchone()[0]
    info["python"] = platform.python_version()
    info["django"] = django.get_version()
    info["os"] = platform.platform()
    info["load average at start"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return info


# -- serving and loading ----------------------------------------------------------------------


def free_port() -> int:
    """A port nothing listens on, on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving the product under the bench settings."""

    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.errors = tempfile.NamedTemporaryFile(  # noqa: SIM115 (lives as long as gunicorn)
            prefix="bench-gunicorn-", suffix=".log"
        )
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
                "--error-logfile",
                self.errors.name,
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()  # never leave gunicorn behind, whatever interrupted the start
            raise

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=10):
                    return
            except OSError:  # refused while booting, or a timeout
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        raise SystemExit(f"gunicorn did not start:\n{Path(self.errors.name).read_text()}")

    def stop(self) -> None:
        """Stop gunicorn and wait for it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect (to the sign-in page) is a failed measurement, not something to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirect)


def fetch(base: str, path: str, session: str) -> tuple[int, int, str]:
    """(status, queries, body) of one signed-in GET."""
    request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={session}"})
    try:
        with _opener.open(request, timeout=120) as response:
            body = response.read().decode()
            return response.status, int(response.headers.get(QUERIES_HEADER, -1)), body
    except urllib.error.HTTPError as error:
        return error.code, int(error.headers.get(QUERIES_HEADER, -1)), ""


def count_rows(kind: str, body: str) -> int:
    """How many rows a page or a floor view returned."""
    if body.startswith("{"):
        return len(json.loads(body)["rows"])
    if kind == "agenda":
        return len(re.findall(r'<tr class="govuk-table__row" id="item-\d+"', body))
    return len(set(re.findall(r'href="/actions/(\d+)/"', body)))


def sessions_for(user_id: int, count: int) -> list[str]:
    """Signed-in sessions for one person, as the sign-in view would leave them."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from agencies.models import User

    user = User.objects.get(pk=user_id)
    keys = []
    for _ in range(count):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.save()
        keys.append(store.session_key)
    return keys


@dataclass
class Measured:
    """One page or floor view at one number of users."""

    requests: int
    seconds: float
    median_ms: float
    p95_ms: float
    queries: float
    failures: int

    @property
    def rps(self) -> float:
        """Requests served per second."""
        return self.requests / self.seconds if self.seconds else 0.0


Sample = tuple[float, float, float]  # (when it ended, milliseconds, queries)


@dataclass
class Run:
    """What one Locust run recorded."""

    samples: list[Sample]
    failures: int

    @property
    def window(self) -> float:
        """The seconds over which its responses arrived."""
        if not self.samples:
            return 0.0
        ends = [at for at, _, _ in self.samples]
        return max(ends) - min(ends) + min(ms for _, ms, _ in self.samples) / 1000


def load(base: str, path: str, sessions: list[str], users: int, duration: float) -> Run:
    """Drive one path with Locust (headless) and return every response it recorded."""
    with tempfile.NamedTemporaryFile(prefix="bench-locust-", suffix=".json") as out:
        env = {
            **os.environ,
            "BENCH_PATH": path,
            "BENCH_SESSIONS": ",".join(sessions),
            "BENCH_OUT": out.name,
        }
        command = [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{max(1, round(duration))}s",
            "--host",
            base,
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--stop-timeout",
            "60",
        ]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        text = Path(out.name).read_text()
        if not text:
            raise SystemExit(f"Locust failed on {path}:\n{done.stderr[-4000:]}")
        data = json.loads(text)
    return Run([tuple(s) for s in data.get("samples", [])], len(data.get("failures", [])))


def summarise(runs: list[Run]) -> Measured:
    """Pool the responses of several runs of one view into one set of figures."""
    samples = [s for run in runs for s in run.samples]
    failures = sum(run.failures for run in runs)
    if not samples:
        return Measured(0, 0.0, 0.0, 0.0, 0.0, failures)
    times = sorted(ms for _, ms, _ in samples)
    return Measured(
        requests=len(samples),
        seconds=sum(run.window for run in runs),
        median_ms=statistics.median(times),
        p95_ms=times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        queries=statistics.mean(q for _, _, q in samples),
        failures=failures,
    )


def measure(base: str, page: Page, users: int, duration: float, rounds: int) -> None:
    """Measure a page and its floor view in alternating rounds (page first, then floor first),
    so that a machine growing busier or quieter during the run weighs on both alike."""
    runs: dict[str, list[Run]] = {"page": [], "floor": []}
    views = [("page", page.path), ("floor", page.floor)]
    for number in range(rounds):
        for view, path in views if number % 2 == 0 else views[::-1]:
            runs[view].append(load(base, path, page.sessions, users, duration / rounds))
    for view, view_runs in runs.items():
        page.results[(view, users)] = summarise(view_runs)


@dataclass
class Page:
    """A measured page, its floor view, and a small variant with few rows."""

    name: str
    label: str
    path: str
    floor: str
    small_path: str
    user: int
    small_user: int
    sessions: list[str] = field(default_factory=list)
    results: dict[tuple[str, int], Measured] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)


def pages(p) -> list[Page]:
    """The four pages people wait on, as the issue lists them."""
    return [
        Page(
            "agenda",
            "A meeting's agenda (60 items), an MPS member",
            f"/meetings/{p.measured_meeting}/",
            f"/bench/floor/agenda/{p.measured_meeting}/",
            f"/meetings/{p.small_meeting}/",
            p.member,
            p.member,
        ),
        Page(
            "register",
            "The MPS lead's register (scope=agency, 50 per page)",
            "/actions/?scope=agency",
            f"/bench/floor/register/?agency={p.big_agency}",
            "/actions/?scope=agency",
            p.lead,
            p.small_lead,
        ),
        Page(
            "summary",
            "The Summary of actions of that meeting, an MPS member",
            f"/actions/summary/{p.measured_meeting}/",
            f"/bench/floor/summary/{p.measured_meeting}/",
            f"/actions/summary/{p.early_meeting}/",
            p.member,
            p.member,
        ),
        Page(
            "dashboard",
            "The MPS manager's dashboard",
            "/actions/dashboard/",
            f"/bench/floor/dashboard/{p.big_agency}/",
            "/actions/dashboard/",
            p.manager,
            p.small_manager,
        ),
    ]


def calibrate(base: str, page: Page, session: str, small_session: str) -> None:
    """Warm every worker, then count the rows and queries of the page, its floor and its small
    variant (the fewest of three: a worker's first request fills per-process caches)."""
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for path, key in (
            (page.path, session),
            (page.floor, session),
            (page.small_path, small_session),
        ):
            list(pool.map(lambda _, p=path, k=key: fetch(base, p, k), range(16)))
    for kind, path, key in (
        ("page", page.path, session),
        ("floor", page.floor, session),
        ("small", page.small_path, small_session),
    ):
        answers = [fetch(base, path, key) for _ in range(3)]
        status, _, body = answers[-1]
        if status != 200:
            raise SystemExit(f"{path} answered {status}: is the session signed in?")
        page.rows[kind] = count_rows(page.name, body)
        page.queries[kind] = min(queries for _, queries, _ in answers)


# -- the chasing sweep and delivery -----------------------------------------------------------


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
                raise SystemExit(f"The Celery worker stopped:\n{worker.stderr.read()[-4000:]}")
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


# -- the report -------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def report(
    args,
    info: dict,
    built,
    measured: list[Page],
    sweeps: list[dict],
    delivery: dict | None,
    users: list[int],
) -> tuple[str, list[tuple[str, bool, str]]]:
    """The results as Markdown, and each target with whether it was met."""
    today = datetime.date.today().isoformat()
    lines = [
        f"# Benchmark {today}: {args.name}",
        "",
        f"Scale {args.scale:g} (1 is the issue's partnership); {args.duration:g} s per view and "
        f"number of users, in {args.rounds} rounds alternating page and floor view; "
        f"gunicorn with {args.workers} sync workers; Locust (FastHttpUser, no wait) on the same "
        "machine; PostgreSQL on the same machine.",
        "",
        "## Machine",
        "",
        *[f"- {key}: {value}" for key, value in info.items()],
        "- Note: the machine is shared; other engineers' tests and servers may have been "
        "running during this benchmark, and the load generator shares the same cores.",
        "",
        "## Dataset",
        "",
        "| rows | count |",
        "| --- | ---: |",
        *[f"| {name} | {count:,} |" for name, count in sorted(built["counts"].items())],
        "",
        "Generated in "
        + ", ".join(f"{step} {sec:.0f} s" for step, sec in built["seconds"].items())
        + f" (total {sum(built['seconds'].values()):.0f} s).",
        "",
        "## Pages and their floor views",
        "",
        "Latency in milliseconds; ratio = page / floor at the same number of users. Floor "
        "views ignore access, so they may return rows the person may not see (actions of "
        "restricted items on the summary's floor).",
        "",
        "| page | view | users | req/s | median | p95 | queries/req | rows | ratio median | "
        "ratio p95 |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    targets: list[tuple[str, bool, str]] = []
    for page in measured:
        for n in users:
            for view in ("page", "floor"):
                m = page.results.get((view, n))
                if m is None:
                    continue
                floor = page.results.get(("floor", n))
                ratio = ratio95 = ""
                if view == "page" and floor and floor.median_ms:
                    ratio = f"{m.median_ms / floor.median_ms:.1f}x"
                    ratio95 = f"{m.p95_ms / floor.p95_ms:.1f}x"
                failed = f" ({m.failures} failed)" if m.failures else ""
                lines.append(
                    f"| {page.name} | {view} | {n} | {m.rps:.1f}{failed} | {_ms(m.median_ms)} | "
                    f"{_ms(m.p95_ms)} | {m.queries:.1f} | {page.rows[view]} | {ratio} | "
                    f"{ratio95} |"
                )
        at8 = (page.results.get(("page", 8)), page.results.get(("floor", 8)))
        if all(at8) and at8[1].median_ms:
            ratio = at8[0].median_ms / at8[1].median_ms
            targets.append(
                (
                    f"{page.name}: median latency at 8 users at most {RATIO_TARGET:g}x its floor",
                    ratio <= RATIO_TARGET,
                    f"{ratio:.1f}x ({_ms(at8[0].median_ms)} ms vs {_ms(at8[1].median_ms)} ms; "
                    f"p95 {at8[0].p95_ms / at8[1].p95_ms:.1f}x)",
                )
            )
    lines += [
        "",
        "Pages: " + "; ".join(f"**{p.name}**: {p.label} (`{p.path}`)" for p in measured) + ".",
        "",
        "## Queries per request against rows",
        "",
        "| page | rows | queries | rows (small variant) | queries (small variant) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for page in (p for p in measured if "small" in p.rows):
        lines.append(
            f"| {page.name} | {page.rows['page']} | {page.queries['page']} | "
            f"{page.rows['small']} | {page.queries['small']} |"
        )
        same = page.queries["page"] == page.queries["small"]
        targets.append(
            (
                f"{page.name}: queries per request constant in rows",
                same,
                f"{page.queries['page']} queries for {page.rows['page']} rows, "
                f"{page.queries['small']} for {page.rows['small']}",
            )
        )
    lines += [
        "",
        "## Chasing sweep",
        "",
        "| sweep | wall s | peak RSS MB | RSS before MB | queries | actions with a step due | "
        "notifications | deliveries | emails queued | digests queued |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, s in zip(("first", "repeat"), sweeps, strict=False):
        lines.append(
            f"| {label} | {s['wall_s']:.2f} | {s['peak_rss_mb']:.0f} | {s['baseline_rss_mb']:.0f} "
            f"| {s['queries']} | {s['considered']:,} | {s['notifications']:,} | "
            f"{s['deliveries']:,} | {s['queued']:,} | {s['digests']:,} |"
        )
    if sweeps:
        first = sweeps[0]
        targets.append(
            (
                f"first sweep under {SWEEP_TARGET_S:g} s",
                first["wall_s"] < SWEEP_TARGET_S,
                f"{first['wall_s']:.2f} s",
            )
        )
        targets.append(
            (
                f"first sweep peak memory under {SWEEP_MEMORY_TARGET_MB:g} MB",
                first["peak_rss_mb"] < SWEEP_MEMORY_TARGET_MB,
                f"{first['peak_rss_mb']:.0f} MB peak RSS of the whole process",
            )
        )
    if len(sweeps) > 1:
        repeat = sweeps[1]
        queued = repeat["notifications"] + repeat["deliveries"] + repeat["queued"]
        targets.append(
            (
                f"repeat sweep under {REPEAT_TARGET_S:g} s and queues nothing",
                repeat["wall_s"] < REPEAT_TARGET_S and queued + repeat["digests"] == 0,
                f"{repeat['wall_s']:.2f} s; {repeat['notifications']} notifications, "
                f"{repeat['deliveries']} deliveries, {repeat['queued']} emails and "
                f"{repeat['digests']} digests queued",
            )
        )
    if delivery:
        lines += [
            "",
            "## Delivery",
            "",
            "One Celery worker (solo pool) on a dedicated Redis database, sending through Django's "
            "SMTP backend to a local aiosmtpd sink what the first sweep queued (emails first, then "
            "digests), until all are sent or the time limit; the outbox is analysed first, as "
            "autovacuum would be within a minute of the sweep.",
            "",
            "| sent | queued | first email after s | span s | emails/s | all sent |",
            "| ---: | ---: | ---: | ---: | ---: | --- |",
            f"| {delivery['sent']:,} | {delivery['expected']:,} | {delivery['first_after_s']} | "
            f"{delivery['span_s']} | {delivery['per_second']} | "
            f"{'yes' if delivery['finished'] else 'no (time limit)'} |",
        ]
    lines += ["", "## Targets", ""]
    for name, met, detail in targets:
        lines.append(f"- {'MET' if met else 'MISSED'}: {name}: {detail}")
    return "\n".join(lines) + "\n", targets


# -- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Generate, serve, load, sweep, deliver, report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 is the issue's partnership")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per view and users")
    parser.add_argument(
        "--rounds", type=int, default=4, help="alternating page/floor rounds within --duration"
    )
    parser.add_argument("--users", default="1,8,32", help="concurrent users, comma-separated")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--name", help="short name of the results file (default: scale-N)")
    parser.add_argument("--only", help="pages to measure, comma-separated (default: all)")
    parser.add_argument("--reuse-db", action="store_true", help="keep an existing dataset")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database after")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-sweep", action="store_true")
    parser.add_argument("--delivery-seconds", type=float, default=180.0)
    parser.add_argument("--profile-sweep", action="store_true", help="cProfile the first sweep")
    parser.add_argument("--no-write", action="store_true", help="print only, write no file")
    args = parser.parse_args(argv)
    args.name = args.name or f"scale-{args.scale:g}"
    users = [int(n) for n in args.users.split(",")]

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    broker_url = os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER_URL)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))

    state_file = ROOT / "var" / "bench-dataset.json"
    if not args.reuse_db:
        log(f"Creating the database {urlsplit(database_url).path.lstrip('/')}...")
        recreate_database(database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from bench.generate import generate, personas

    started = time.perf_counter()
    if args.reuse_db and state_file.exists():
        built = json.loads(state_file.read_text())
        log("Reusing the generated dataset.")
    else:
        call_command("migrate", verbosity=0)
        log(f"Generating the dataset at scale {args.scale:g}...")
        result = generate(args.scale, args.seed, log)
        built = {"counts": result.counts, "seconds": result.seconds}
        analyse = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        built["seconds"]["vacuum analyze"] = time.perf_counter() - analyse
        state_file.parent.mkdir(exist_ok=True)
        state_file.write_text(json.dumps(built))
        log(f"Dataset ready in {time.perf_counter() - started:.0f} s.")
    info = machine()
    found = personas()
    measured = pages(found)
    if args.only:
        measured = [p for p in measured if p.name in args.only.split(",")]

    if not args.skip_pages:
        server = Server(env, args.workers)
        try:
            for page in measured:
                small = sessions_for(page.small_user, 1)[0]
                page.sessions = sessions_for(page.user, max(users))
                calibrate(server.base, page, page.sessions[0], small)
                log(f"{page.name}: rows {page.rows}, queries {page.queries}")
            for n in users:
                for page in measured:
                    measure(server.base, page, n, args.duration, args.rounds)
                    for view in ("page", "floor"):
                        m = page.results[(view, n)]
                        log(
                            f"{page.name:9} {view:5} {n:2} users: {m.rps:6.1f} req/s, median "
                            f"{_ms(m.median_ms)} ms, p95 {_ms(m.p95_ms)} ms, "
                            f"{m.queries:.1f} queries, {m.failures} failed"
                        )
        finally:
            server.stop()
    connections.close_all()

    sweeps: list[dict] = []
    delivery = None
    if not args.skip_sweep:
        import redis

        redis.Redis.from_url(broker_url).flushdb()
        if args.reuse_db:
            log(f"Forgot {reset_chasing()} notifications of earlier sweeps.")
            connections.close_all()
        profile = ROOT / "var" / "bench-sweep-profile.txt" if args.profile_sweep else None
        for label in ("first", "repeat"):
            sweeps.append(run_sweep(env, profile if label == "first" else None))
            log(f"{label} sweep: {sweeps[-1]}")
        # Autovacuum would analyse the outbox within a minute of the sweep's inserts; without
        # fresh statistics the claim query scans every pending row (see the results' notes).
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("ANALYZE actions_delivery, actions_notification")
        expected = sweeps[0]["queued"] + sweeps[0]["digests"]
        log(f"Delivering {expected} emails with one worker...")
        delivery = deliver(env, expected, args.delivery_seconds)
        log(f"delivery: {delivery}")

    info["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text, _ = report(args, info, built, measured, sweeps, delivery, users)
    print(text)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{datetime.date.today().isoformat()}-{args.name}.md"
        path.write_text(text)
        log(f"Written to {path.relative_to(ROOT)}")
    connections.close_all()
    if not args.keep_db:
        drop_database(database_url)
        state_file.unlink(missing_ok=True)
        log("Dropped the benchmark database (--keep-db keeps it).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
