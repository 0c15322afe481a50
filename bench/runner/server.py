"""gunicorn serving the product, signed-in sessions, and one signed-in request at a time."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.runner.common import BIN, QUERIES_HEADER, ROOT, free_port


class Server:
    """gunicorn serving the product under the bench settings."""

    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.errors = tempfile.NamedTemporaryFile(  # noqa: SIM115 (lives as long as gunicorn)
            prefix="bench-gunicorn-", suffix=".log"
        )
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
                "--error-logfile",
                self.errors.name,
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()  # never leave gunicorn behind, whatever interrupted the start
            raise

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=10):
                    return
            except OSError:  # refused while booting, or a timeout
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        raise SystemExit(f"gunicorn did not start:\n{Path(self.errors.name).read_text()}")

    def stop(self) -> None:
        """Stop gunicorn and wait for it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect (to the sign-in page) is a failed measurement, not something to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirect)


def fetch(base: str, path: str, session: str) -> tuple[int, int, str]:
    """(status, queries, body) of one signed-in GET."""
    request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={session}"})
    try:
        with _opener.open(request, timeout=120) as response:
            # A PDF is not UTF-8; its page objects are ASCII either way.
            body = response.read().decode("utf-8", errors="replace")
            return response.status, int(response.headers.get(QUERIES_HEADER, -1)), body
    except urllib.error.HTTPError as error:
        return error.code, int(error.headers.get(QUERIES_HEADER, -1)), ""


def count_rows(kind: str, body: str) -> int:
    """How many rows a page or a floor view returned."""
    if body.startswith("{"):
        data = json.loads(body)
        # Floor views list "rows"; the API's pages list "results".
        return len(data["rows"] if "rows" in data else data["results"])
    if kind == "agenda":
        return len(re.findall(r'<tr class="govuk-table__row" id="item-\d+"', body))
    if kind == "search":
        return body.count('<li class="app-result"')
    if kind == "pack":  # its pages: cover, agenda, list of papers, then the papers merged in
        return len(re.findall(r"/Type\s*/Page(?![a-zA-Z])", body))
    return len(set(re.findall(r'href="/actions/(\d+)/"', body)))


def sessions_for(user_id: int, count: int) -> list[str]:
    """Signed-in sessions for one person, as the sign-in view would leave them."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from agencies.models import User

    user = User.objects.get(pk=user_id)
    keys = []
    for _ in range(count):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.save()
        if store.session_key is None:
            raise RuntimeError("The session store gave the saved session no key")
        keys.append(store.session_key)
    return keys
