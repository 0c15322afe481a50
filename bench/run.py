"""The benchmark runner behind `make bench`.

    python -m bench.run [--scale 1] [--duration 15] [--users 1,8,32] [--workers 4]

1. (Re)creates a dedicated PostgreSQL database (`bench` on the local server unless
   BENCH_DATABASE_URL says otherwise), migrates it and generates the dataset (bench.generate).
2. Serves the product with gunicorn on a free loopback port under `bench.settings` (production
   settings plus the floor views and a query-counting middleware) and drives each measured page
   and its floor view with Locust (headless) at each number of concurrent signed-in users.
3. Runs the chasing sweep twice in fresh processes (wall time, peak memory), then delivers what
   the first one queued with one Celery worker (a dedicated Redis database) to a local aiosmtpd
   sink, and measures emails per second; then puts the same emails back in the outbox and
   delivers them again with 2 and 4 workers (--delivery-workers).
4. Prints the results and writes them, with the machine's size, to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from urllib.parse import urlsplit

from bench.dataset.papers import write_paper_files
from bench.runner.chasing import deliver, requeue_sent, reset_chasing, run_sweep
from bench.runner.common import DEFAULT_BROKER_URL, DEFAULT_DATABASE_URL, RESULTS, ROOT, log
from bench.runner.database import _admin_url, drop_database, recreate_database, table_counts
from bench.runner.loading import Page, Run, calibrate, load, measure, pages
from bench.runner.report import _ms, machine, report
from bench.runner.server import Server, count_rows, sessions_for

# Imported from here by bench.profile and tests/bench, which use more than main does.
__all__ = ["Page", "Run", "_admin_url", "count_rows", "load", "main", "measure", "pages"]


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
    parser.add_argument(
        "--delivery-workers", default="1,2,4", help="workers per delivery run, comma-separated"
    )
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
    # A reused dataset takes this checkout's migrations too (an index added since, say).
    call_command("migrate", verbosity=0)
    if args.reuse_db and state_file.exists():
        built = json.loads(state_file.read_text())
        log("Reusing the generated dataset.")
    elif args.reuse_db:
        # Kept by another checkout: count what is there rather than generate over it.
        built = {"counts": table_counts(), "seconds": {}}
        log("Reusing the dataset in the database (its generation record is elsewhere).")
    else:
        log(f"Generating the dataset at scale {args.scale:g}...")
        result = generate(args.scale, args.seed, log)
        built = {"counts": result.counts, "seconds": result.seconds, "cpu": result.cpu}
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
        papers = write_paper_files([found.measured_meeting, found.small_meeting])
        if papers:
            log(f"Wrote the files of the measured meetings' {papers} papers.")
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
    deliveries: list[dict] = []
    if not args.skip_sweep:
        import redis

        redis.Redis.from_url(broker_url).flushdb()
        if args.reuse_db:
            log(f"Forgot {reset_chasing()} notifications of earlier sweeps.")
            connections.close_all()
            import psycopg

            # As autovacuum would between two days' sweeps: the deleted rows' dead tuples and
            # bloated indexes otherwise slow each rerun's sweep a little more.
            with psycopg.connect(database_url, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE actions_delivery, actions_notification")
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
        for n, workers in enumerate(int(w) for w in args.delivery_workers.split(",")):
            if n:
                expected = requeue_sent(deliveries[-1]["started"])
            log(f"Delivering {expected} emails with {workers} worker(s)...")
            deliveries.append(deliver(env, expected, args.delivery_seconds, workers))
            log(f"delivery: {deliveries[-1]}")

    info["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text, _ = report(args, info, built, measured, sweeps, deliveries, users)
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
