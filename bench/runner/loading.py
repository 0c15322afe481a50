"""The measured pages, driving them with Locust, and pooling what it recorded into figures."""

from __future__ import annotations

import concurrent.futures
import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.runner.common import BIN, ROOT
from bench.runner.server import count_rows, fetch


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


# Words thousands of the generated items, papers and actions hold: the worst case of ranking.
SEARCH_WORDS = "review"


def pages(p) -> list[Page]:
    """The pages people wait on, as the issues list them."""
    # Not at the top: bench.run imports this module before django.setup(), and the
    # constants module imports models.
    from bench.dataset.constants import BIG_AGENCY, SMALL_AGENCY, SMALL_SEARCH

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
        Page(
            "api_actions",
            "The MPS lead's actions of the MPS through the API (JSON, 50 per page)",
            f"/api/v1/actions/?agency={BIG_AGENCY}",
            f"/bench/floor/api-actions/?agency={p.big_agency}",
            f"/api/v1/actions/?agency={SMALL_AGENCY}",
            p.lead,
            p.small_lead,
        ),
        Page(
            "home",
            "The MPS lead's home (work queue)",
            "/",
            f"/bench/floor/home/{p.lead}/",
            "/",
            p.lead,
            p.small_lead,
        ),
        Page(
            "search",
            "Search for 'review' (a common word), an MPS member",
            f"/search/?q={SEARCH_WORDS}",
            f"/bench/floor/search/?q={SEARCH_WORDS}",
            f"/search/?q={SMALL_SEARCH}",
            p.member,
            p.member,
        ),
        Page(
            "pack",
            "The agenda pack PDF of that meeting (60 items), an MPS member",
            f"/meetings/{p.measured_meeting}/agenda.pdf",
            f"/bench/floor/pack/{p.measured_meeting}/",
            f"/meetings/{p.small_meeting}/agenda.pdf",
            p.member,
            p.member,
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
