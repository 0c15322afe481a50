"""`make bench` starts: bench.run is imported before Django is set up, so nothing it imports
at module level may import models (an API page's constants once broke it)."""

import os
import subprocess
import sys

from django.conf import settings


def test_bench_run_imports_before_django_is_set_up():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", "import bench.run"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
