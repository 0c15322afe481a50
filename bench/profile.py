"""Profile one measured page (or floor view) in-process on the benchmark database.

    python -m bench.profile agenda|register|summary|dashboard|home|search|api_actions|pack
        [--floor] [--explain] [--top 25]

Requests the page with Django's test client as the persona the runner uses, after one warm-up
request, and prints: wall time, time in SQL, each query with its time, the functions that took
longest (cProfile, by own time) and, with --explain, EXPLAIN ANALYZE of the slowest query.
Needs a generated database (`python -m bench.run --keep-db ...`).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import time


def main() -> None:
    """Profile one page."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "page",
        choices=[
            *("agenda", "register", "summary", "dashboard"),
            *("home", "search", "api_actions", "pack"),
        ],
    )
    parser.add_argument("--floor", action="store_true", help="profile the floor view instead")
    parser.add_argument("--small", action="store_true", help="the small variant of the page")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime", help="cProfile order, e.g. cumulative")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agencies.models import User
    from bench.generate import personas
    from bench.run import pages

    settings.ALLOWED_HOSTS = ["*"]
    page = next(p for p in pages(personas()) if p.name == args.page)
    path = page.floor if args.floor else (page.small_path if args.small else page.path)
    client = Client()
    who = page.small_user if args.small else page.user
    client.force_login(
        User.objects.get(pk=who), backend="django.contrib.auth.backends.ModelBackend"
    )
    client.get(path)  # warm-up: per-process caches (content types, templates)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        client.get(path)
        timings.append(time.perf_counter() - started)
    print(f"unprofiled: median of 5 requests {statistics.median(timings) * 1000:.0f} ms")
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        profiler.enable()
        response = client.get(path)
        profiler.disable()
        wall = time.perf_counter() - started
    sql = sum(float(q["time"]) for q in queries.captured_queries)
    print(f"{path}: status {response.status_code}, {len(response.content):,} bytes")
    print(f"wall {wall * 1000:.0f} ms (profiled), SQL {sql * 1000:.0f} ms in ")
    print(f"{len(queries.captured_queries)} queries (BEGIN/COMMIT included):")
    for query in queries.captured_queries:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    if args.explain:
        slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
