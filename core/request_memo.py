"""A request-scoped memo: small id sets read once per request instead of in every query.

The access rule (meetings/access.py) asks for a person's agencies and committees many times
while one page is built. Inside a request (core.middleware.RequestMemoMiddleware) the first
answer is remembered as a literal list; outside one (services in tests, tasks, commands)
nothing is remembered, so a change made a moment ago always counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


@contextmanager
def request_memo() -> Iterator[None]:
    """Remember answers until the block ends (one request)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def memo_active() -> bool:
    """Whether a request memo is active in this context."""
    return _memo.get() is not None


def remembered(user_pk: Any, key: str, make: Callable[[], Any]) -> Any:
    """`list(make())` remembered per (person, key) while a memo is active; else `make()` as it
    is (a subquery stays a subquery, planned with the query that uses it)."""
    memo = _memo.get()
    if memo is None:
        return make()
    if (user_pk, key) not in memo:
        memo[user_pk, key] = list(make())
    return memo[user_pk, key]


def forget(user_pk: Any) -> None:
    """Drop what this request remembered about one person (after changing their roles)."""
    memo = _memo.get()
    if memo is not None:
        for key in [k for k in memo if k[0] == user_pk]:
            del memo[key]


def remembered_once(user_pk: Any, key: Any, make: Callable[[], Any]) -> Any:
    """`make()` remembered as it is per (person, key) while a memo is active (e.g. a decision
    object); computed afresh outside a request."""
    memo = _memo.get()
    if memo is None:
        return make()
    if (user_pk, key) not in memo:
        memo[user_pk, key] = make()
    return memo[user_pk, key]
