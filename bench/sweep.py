"""One chasing sweep in a fresh process: its wall time, peak memory and queries, as JSON.

`python -m bench.sweep [--profile FILE]` under the bench settings. The peak is the process's
maximum resident set size (VmHWM), so it counts Django itself too; the baseline before
the sweep is reported alongside.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import resource
import time
from pathlib import Path


def _rss_mb() -> float:
    """Peak resident set size of this process so far, in MB.

    VmHWM belongs to the process's own memory map, so unlike getrusage's ru_maxrss it does not
    carry over the parent's peak across fork and exec."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        status = ""
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    if found:
        return int(found.group(1)) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Run one sweep and print what it did and what it cost."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", help="write the top of a cProfile of the sweep here")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import connection

    from actions import chasing

    connection.ensure_connection()
    baseline = _rss_mb()
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    profiler = cProfile.Profile() if args.profile else None
    with connection.execute_wrapper(count):
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        result = chasing.sweep()
        if profiler:
            profiler.disable()
        wall = time.perf_counter() - started
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        with open(args.profile, "w") as handle:
            handle.write(out.getvalue())
    print(
        json.dumps(
            {
                "wall_s": round(wall, 3),
                "peak_rss_mb": round(_rss_mb(), 1),
                "baseline_rss_mb": round(baseline, 1),
                "queries": queries,
                "considered": result.considered,
                "notifications": result.notifications,
                "deliveries": result.deliveries,
                "queued": len(result.queued),
                "digests": len(result.digests),
            }
        )
    )


if __name__ == "__main__":
    main()
