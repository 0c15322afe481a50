"""Hypothesis profiles: `make test` runs a few derandomised examples per form (the same every
run, so CI does not flicker); `make test-fuzz` runs many random ones (HYPOTHESIS_PROFILE=fuzz)."""

import os

from hypothesis import HealthCheck, settings

# Each test builds one partnership (fixtures) and rolls every example back inside it.
SHARED = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}
settings.register_profile("bounded", max_examples=5, derandomize=True, **SHARED)
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", 300)), **SHARED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "bounded"))
