"""Hypothesis profiles: `make test` runs a few derandomised examples per form (the same every
run, so CI does not flicker), each sent as every role; `make test-fuzz` runs many random ones
(HYPOTHESIS_PROFILE=fuzz) and keeps the failing ones in var/hypothesis (git-ignored), so that
the next run replays them first."""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

# Each test builds one partnership (fixtures) and rolls every example back inside it.
SHARED = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}
EXAMPLES = Path(__file__).resolve().parents[2] / "var" / "hypothesis"
settings.register_profile("bounded", max_examples=3, derandomize=True, database=None, **SHARED)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 300)),
    database=DirectoryBasedExampleDatabase(EXAMPLES),
    **SHARED,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "bounded"))
