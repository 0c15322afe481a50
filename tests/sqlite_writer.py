"""One of several processes writing the same SQLite file: `python -m tests.sqlite_writer ID N`.

Each of its N transactions reads, then writes (agency_create looks up the group, checks the
unique names, then inserts), which is what made concurrent writers fail with "database is
locked" before the embedded settings took the write lock at BEGIN.
"""

from __future__ import annotations

import os
import sys

import django


def main(worker: str, count: int) -> int:
    """Create `count` agencies; print how many were written and how many raised."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    from agencies.models import Agency
    from agencies.services import agency_create

    written = errors = 0
    for i in range(count):
        try:
            existing = Agency.objects.filter(short_name__startswith=f"W{worker}-").count()
            agency_create(name=f"Writer {worker} agency {i}", short_name=f"W{worker}-{existing}")
            written += 1
        except Exception as exc:  # the test counts every failure, whatever its kind
            errors += 1
            print(f"error: {exc!r}", file=sys.stderr)
    print(f"{written} {errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
