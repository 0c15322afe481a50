"""Throttles whose rates come from settings.API_THROTTLE_RATES, read on each request.

DRF's own classes copy their rates once, when they are imported; reading them here lets the
settings (and the tests) change them.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class UserThrottle(UserRateThrottle):
    """Requests per signed-in person (a session or a token), as API_THROTTLE_RATES["user"]."""

    def get_rate(self) -> str | None:
        """The rate from the settings."""
        return settings.API_THROTTLE_RATES.get(self.scope)


class AnonThrottle(AnonRateThrottle):
    """Requests per address without credentials, as API_THROTTLE_RATES["anon"]."""

    def get_rate(self) -> str | None:
        """The rate from the settings."""
        return settings.API_THROTTLE_RATES.get(self.scope)
