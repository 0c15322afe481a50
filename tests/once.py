"""Submitting a create form twice: read the form's one-time token, post it twice (in sequence
or from two connections at the same moment), count what was created."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from agencies.models import User

from .conftest import IN_CI

TOKEN = re.compile(r'name="submit_token" value="([0-9a-f-]{36})"')


def tokens_on(client: Client, url: str) -> list[str]:
    """The one-time tokens of the forms on a page (one per create form)."""
    page = client.get(url)
    assert page.status_code == 200, url
    return TOKEN.findall(page.content.decode())


def token_on(client: Client, url: str) -> str:
    """The token of the page's first create form."""
    found = tokens_on(client, url)
    assert found, f"no submit_token on {url}"
    return found[0]


def require_postgresql() -> None:
    """Two connections racing need PostgreSQL: fail under CI, skip locally on SQLite."""
    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("the concurrency tests need PostgreSQL")
        pytest.skip("the concurrency tests need PostgreSQL (set DATABASE_URL)")


def client_for(user: User) -> Client:
    """A browser of its own (its own session) signed in as `user`."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def post_together(
    posts: list[tuple[Client, str, Callable[[], dict]]],
) -> list[int | BaseException]:
    """Send the posts at the same moment, each on its own thread and database connection.

    Returns each answer's status code, or the exception it raised (a 500 in production).
    """
    start = threading.Barrier(len(posts), timeout=10)
    results: list[int | BaseException] = [0] * len(posts)

    def send(index: int, client: Client, url: str, data: Callable[[], dict]) -> None:
        try:
            start.wait()
            results[index] = client.post(url, data()).status_code
        except BaseException as error:
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(i, client, url, data))
        for i, (client, url, data) in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


class Gate:
    """Holds every caller of a function until `parties` have arrived (or `wait` seconds pass),
    so requests that are not serialised meet inside it at the same moment."""

    def __init__(self, function: Callable, parties: int = 2, wait: float = 2.0) -> None:
        self.function = function
        self.barrier = threading.Barrier(parties, timeout=wait)

    def __call__(self, *args, **kwargs):
        # Broken: the other request is held elsewhere (by a lock), so this one goes on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            self.barrier.wait()
        return self.function(*args, **kwargs)
