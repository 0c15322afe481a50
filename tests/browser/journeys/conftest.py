"""Role journeys: a real live server, a real Celery worker (and beat) on a private Redis, and an
SMTP sink that every email reaches, whether the web process or the worker sends it.

The live server runs in the test process, so its Celery app is pointed at the test's Redis with
eager execution off, and its email backend at the sink; the worker gets the same sink and the
live server's address as SITE_URL, so the links in its emails open in the test's browser.
"""

from __future__ import annotations

import datetime
import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.message import Message

import kombu.pools
import pytest
import time_machine
from playwright.sync_api import Locator, Page, expect

from tests.chasing.conftest import Celery, celery, redis_server, smtp, wait_for  # noqa: F401
from tests.chasing.smtp_sink import Sink
from tests.factories import PASSWORD


def _reset_broker_pools(app) -> None:
    """Forget connections made to an earlier broker, so the next task goes to the current one."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    # kombu keeps producer pools in a registry of its own: without this, the next task sent
    # after a journey (in any later test) takes the closed pool and fails "Acquire on closed pool".
    kombu.pools.reset()


def subject_of(message: Message) -> str:
    """The subject as one line (long subjects are folded over lines in the header)."""
    return re.sub(r"\r?\n[ \t]+", " ", str(message["Subject"]))


def text_of(message: Message) -> str:
    """The plain-text part of an email (the whole body when it has one part)."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            return payload.decode(part.get_content_charset() or "utf-8")
    return ""


def html_of(message: Message) -> str:
    """The HTML part of an email, or an empty string."""
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            return payload.decode(part.get_content_charset() or "utf-8")
    return ""


def whole(message: Message) -> str:
    """Subject, text and HTML together: what a leak check must look through."""
    return f"{subject_of(message)}\n{text_of(message)}\n{html_of(message)}"


@dataclass
class Mailroom:
    """The SMTP sink as a person's inbox, plus the worker that fills it."""

    sink: Sink
    celery: Celery
    site: str
    beat: bool = False

    def stop(self) -> None:
        """Stop the worker and beat the way a deployment does: SIGTERM to the main process
        only, which finishes the task in hand (the group's SIGKILL would cut a task between
        the SMTP server's acceptance and the row marked sent, and it would be sent again)."""
        for _, process in self.celery.processes:
            if process.poll() is None:
                os.kill(process.pid, signal.SIGTERM)
        for _, process in self.celery.processes:
            with suppress(subprocess.TimeoutExpired):
                process.wait(60)
        self.celery.stop_all()

    def _restart(self, fake_now: str) -> None:
        self.stop()
        self.celery.worker(fake_now, concurrency=1)
        if self.beat:
            self.celery.beat(fake_now)

    @contextmanager
    def clock(self, when: datetime.datetime) -> Iterator[None]:
        """Move the test's clock (so the live server's) and the worker's to `when`, ticking:
        what the pages write then (an outbox row due "now") is due for the worker too. Wait
        for the emails of the period inside the block. The worker's clock runs a minute ahead,
        as it starts before the block: a row the pages write is never in the worker's future."""
        self._restart((when + datetime.timedelta(minutes=1)).isoformat())
        try:
            with time_machine.travel(when, tick=True):
                yield
        finally:
            self._restart("")

    def to(self, address: str) -> list[Message]:
        """Everything accepted for one address."""
        return self.sink.to(address)

    def subjects(self, address: str) -> list[str]:
        """Subjects of the messages for one address, in the order they arrived."""
        return [subject_of(m) for m in self.to(address)]

    def wait(self, address: str, subject: str, timeout: float = 30) -> Message:
        """The first message to `address` whose subject contains `subject`, waiting for it."""

        def found() -> Message | None:
            return next((m for m in self.to(address) if subject in subject_of(m)), None)

        return wait_for(  # type: ignore[return-value]
            found,
            timeout,
            lambda: (
                f"an email to {address} about {subject!r}; the sink has "
                f"{[(m['To'], m['Subject']) for m in self.sink.accepted]}\n"
                + self.celery.log_text()[-3000:]
            ),
        )

    def link(self, message: Message, pattern: str) -> str:
        """The first link in the email matching `pattern`, made relative to the live server."""
        for url in re.findall(r"https?://[^\s\"'<>]+", text_of(message) + html_of(message)):
            if re.search(pattern, url):
                return url.removeprefix(self.site)
        raise AssertionError(f"no link matching {pattern!r} in:\n{text_of(message)}")

    def start_beat(self) -> None:
        """Start the beat: chasing sweeps every second from now on."""
        self.beat = True
        self.celery.beat("")

    def settle(self, seconds: float = 2.0) -> None:
        """Give the worker a moment, so a duplicate or a stray email would have arrived."""
        time.sleep(seconds)

    def recipients(self, subject: str) -> set[str]:
        """Every address that received a message whose subject contains `subject`."""
        return {
            address.strip()
            for m in self.sink.accepted
            if subject in subject_of(m)
            for address in str(m["To"]).split(",")
        }


@pytest.fixture
def mailroom(
    celery,  # noqa: F811 (the fixtures imported above)
    smtp,  # noqa: F811
    redis_server,  # noqa: F811
    live_server,
    settings,
    monkeypatch,
) -> Iterator[Mailroom]:
    """A worker and beat delivering to the SMTP sink; the live server queues to their Redis."""
    from config.celery import app

    sink, port = smtp
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.SITE_URL = live_server.url
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.task_always_eager = False
    # Celery reads CELERY_BROKER_URL from the environment before its own settings.
    monkeypatch.setenv("CELERY_BROKER_URL", redis_server.url)
    app.conf.broker_url = redis_server.url
    _reset_broker_pools(app)
    celery.env["SITE_URL"] = live_server.url
    celery.worker("", concurrency=1)
    room = Mailroom(sink=sink, celery=celery, site=live_server.url)
    yield room
    room.stop()
    app.conf.update(saved)
    _reset_broker_pools(app)


@dataclass
class Clicks:
    """Counts what a person clicks (links, buttons, radios, checkboxes, choices in a list)."""

    steps: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many clicks so far."""
        return len(self.steps)

    def __call__(self, locator: Locator, why: str = "") -> None:
        """Click it and count it."""
        self.steps.append(why or str(locator))
        locator.click()

    def check(self, locator: Locator, why: str = "") -> None:
        """Tick a radio or checkbox: one click."""
        self.steps.append(why or str(locator))
        locator.check()

    def choose(self, locator: Locator, why: str = "", **option) -> None:
        """Choose in a select: counted as one click (opening the list and picking is one
        gesture on most devices; a keyboard user types)."""
        self.steps.append(why or str(locator))
        locator.select_option(**option)

    def report(self) -> str:
        """The clicks, numbered, for the test's output."""
        return "\n".join(f"{n:3} {step}" for n, step in enumerate(self.steps, 1))


# The click counts of the journeys that ran, printed at the end of the run whatever the
# output capture, so the figure the issue asks for is in every CI log.
COUNTED: list[str] = []


@pytest.fixture
def clicks(request: pytest.FixtureRequest) -> Iterator[Clicks]:
    """A fresh click counter, whose count is reported at the end of the run."""
    counter = Clicks()
    yield counter
    if counter.count:
        COUNTED.append(f"{request.node.name}: {counter.count} clicks")


def pytest_terminal_summary(terminalreporter) -> None:
    """Print each journey's click count in the run's summary."""
    if COUNTED:
        terminalreporter.section("clicks per journey")
        for line in COUNTED:
            terminalreporter.write_line(line)


def sign_in(page: Page, email: str, next_url: str = "/") -> None:
    """Sign in through the sign-in page (not counted: it is not part of anyone's task)."""
    page.goto(f"/account/sign-in/?next={next_url}")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_in_at(page: Page, url: str, email: str) -> None:
    """Open a link (from an email, say) and sign in on the way: the link's page opens."""
    page.goto(url)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))


@pytest.fixture
def person(browser, live_server):
    """Open a browser of its own for another person, signed in; closed at the end."""
    contexts = []

    def _open(user) -> Page:
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page, user.email)
        return page

    yield _open
    for context in contexts:
        context.close()


def open_meeting(page: Page, clicks: Clicks, title: str, committee: str) -> None:
    """From home, open a meeting: from home's upcoming meetings when it is listed there, else
    through the committee's page (each click counted)."""
    expect(page.locator("h1")).to_be_visible()
    upcoming = page.locator("#upcoming-list").get_by_role("link", name=title, exact=True)
    if upcoming.count():
        clicks(upcoming.first, f"home: {title}")
    else:
        clicks(page.locator("main").get_by_role("link", name=committee).last, "the committee")
        clicks(page.locator("main").get_by_role("link", name=title, exact=True).first, title)
    expect(page.locator("h1")).to_have_text(title)
