"""The API tests read the security world (tests/security/world.py): a committee with a
restricted item granted to Safer London, its actions, and the personas who ask for them."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.security.conftest import sworld  # noqa: F401 (a fixture)
from tests.security.world import SecurityWorld


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Each test starts with empty throttle counters (they live in the cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def as_persona(sworld: SecurityWorld):  # noqa: F811
    """A signed-in (session) API client for a persona of the world."""

    def make(persona: str) -> APIClient:
        client = APIClient()
        client.force_login(
            sworld.users[persona], backend="django.contrib.auth.backends.ModelBackend"
        )
        return client

    return make
