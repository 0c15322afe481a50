"""Locust users for the benchmark: each signed-in user requests one path back to back.

Configured by the runner through the environment: BENCH_PATH (the page or floor view),
BENCH_SESSIONS (comma-separated session keys, one per simulated user) and BENCH_OUT (where to
write every response's time and query count as JSON when the run stops).
"""

from __future__ import annotations

import itertools
import json
import os
import time
from http.cookiejar import Cookie

from locust import FastHttpUser, constant, events, task

PATH = os.environ.get("BENCH_PATH", "/healthz")
SESSIONS = [key for key in os.environ.get("BENCH_SESSIONS", "").split(",") if key]
OUT = os.environ.get("BENCH_OUT", "")
HEADER = "X-Bench-Queries"

_sessions = itertools.count()
samples: list[tuple[float, float, int]] = []  # (finished at, milliseconds, queries)
failures: list[str] = []


def _cookie(host: str, key: str) -> Cookie:
    return Cookie(
        version=0,
        name="sessionid",
        value=key,
        port=None,
        port_specified=False,
        domain=host,
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={},
    )


class Reader(FastHttpUser):
    """One signed-in person reading one page as fast as it is served (closed loop)."""

    wait_time = constant(0)

    def on_start(self) -> None:
        if SESSIONS:
            key = SESSIONS[next(_sessions) % len(SESSIONS)]
            host = (self.host or "").split("://", 1)[-1].split(":", 1)[0]
            self.client.cookiejar.set_cookie(_cookie(host, key))

    @task
    def read(self) -> None:
        with self.client.get(PATH, name=PATH, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")


@events.request.add_listener
def _record(response_time, response, exception, **kwargs) -> None:
    if exception is not None or response is None or response.status_code != 200:
        failures.append(str(exception or getattr(response, "status_code", "?")))
        return
    queries = int(response.headers.get(HEADER) or -1)
    samples.append((time.monotonic(), response_time, queries))


@events.quitting.add_listener
def _write(environment, **kwargs) -> None:
    if OUT:
        with open(OUT, "w") as handle:
            json.dump({"samples": samples, "failures": failures}, handle)
