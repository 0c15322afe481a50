"""The security suites share one world per module: built once, rolled back at the end."""

from __future__ import annotations

import pytest
from django.db import transaction

from .world import SecurityWorld, build_world


@pytest.fixture(scope="module")
def sworld(django_db_setup, django_db_blocker) -> SecurityWorld:
    """The world of tests/security/world.py, built once for the module.

    Module-scoped fixtures are set up before each test's own transaction, so every test runs
    in a savepoint inside this transaction and what a test changes is undone after it.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
