"""The audit tests use the security suites' world (tests/security/world.py)."""

from tests.security.conftest import sworld  # noqa: F401
