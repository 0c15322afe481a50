"""Checks that a person may still see what a message is about, registered by the apps above.

inbox sits low and imports no product app, so the apps that own guarded objects register their
access check here in AppConfig.ready (actions registers "action").
"""

from __future__ import annotations

from collections.abc import Callable

from agencies.models import User

GUARDS: dict[str, Callable[[User, int], bool]] = {}


def guard_register(name: str, check: Callable[[User, int], bool]) -> None:
    """Register (or replace) the access check for messages guarded by `name`."""
    GUARDS[name] = check


def may_see(user: User, guard: str, guard_id: int | None) -> bool:
    """Whether this person may still see what a message is about; unguarded messages pass, and
    an unknown guard fails closed."""
    if not guard:
        return True
    check = GUARDS.get(guard)
    if check is None or guard_id is None:
        return False
    return check(user, guard_id)
