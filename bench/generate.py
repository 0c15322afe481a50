"""The benchmark's dataset: a partnership at scale, written in bulk.

At scale 1: 300 agencies, 3,000 people, 40 committees, 5,000 meetings, 60,000 agenda items (10%
restricted to a few agencies by guardian group grants, as `meetings.services.item_restrict`
writes them), 100,000 actions of which 10,000 are due within the chasing horizon or overdue,
their progress updates, and the chasing history (notifications and sent emails) of the actions
already done. One upcoming meeting of the first committee has a 60-item agenda: the measured one.

Rows are written with COPY on PostgreSQL (ids taken from each table's sequence first) and
`bulk_create` elsewhere, in slices and with only light records of what later steps read kept in
memory, so that scale 10 (a million actions) takes minutes and stays under a gigabyte.
The same seed gives the same data. Attendance and minutes stay empty.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from agencies.models import Agency, User
from bench.dataset.actions import ActionsAndHistory
from bench.dataset.agendas import AgendasAndGrants, small_meeting
from bench.dataset.constants import (
    BIG_AGENCY,
    EMAILS,
    MEASURED_COMMITTEE,
    MEASURED_ITEMS,
    PASSWORD,
    SMALL_AGENCY,
)
from bench.dataset.meetings import CommitteesAndMeetings
from bench.dataset.people import AgenciesAndPeople
from meetings.models import Committee, Meeting

# Imported from here by bench.locustfile, bench.profile, bench.run and tests/bench.
__all__ = [
    "MEASURED_ITEMS",
    "PASSWORD",
    "SMALL_AGENCY",
    "Built",
    "Generator",
    "Personas",
    "Sizes",
    "generate",
    "personas",
]


@dataclass(frozen=True)
class Sizes:
    """How many rows of each kind; scale 1 is the issue's partnership."""

    agencies: int
    users: int
    committees: int
    meetings: int
    items: int
    actions: int
    due: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        """The sizes at a scale, with floors that keep every measured case present."""
        return cls(
            agencies=max(8, round(300 * scale)),
            users=max(40, round(3000 * scale)),
            committees=max(3, round(40 * scale)),
            meetings=max(15, round(5000 * scale)),
            items=max(150, round(60_000 * scale)),
            actions=max(200, round(100_000 * scale)),
            due=max(20, round(10_000 * scale)),
        )


@dataclass
class Built:
    """What was written, for the runner's report."""

    sizes: Sizes
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    # Per step: (CPU seconds of the generator, of its PostgreSQL backend).
    cpu: dict[str, tuple[float, float]] = field(default_factory=dict)


class Generator(AgenciesAndPeople, CommitteesAndMeetings, AgendasAndGrants, ActionsAndHistory):
    """Builds the dataset step by step; each step's wall time lands in `built.seconds`."""

    def __init__(self, scale: float, seed: int = 7, log: Callable[[str], None] | None = None):
        self.sizes = Sizes.at(scale)
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.built = Built(sizes=self.sizes)
        self.log = log or (lambda message: None)

    def run(self) -> Built:
        """Write everything in one transaction per step."""
        for step in (
            self.agencies,
            self.people,
            self.committees,
            self.meetings,
            self.agendas,
            self.restrictions,
            self.actions,
            self.small_variants,
        ):
            started, cpu, server = time.perf_counter(), time.process_time(), _server_cpu()
            with transaction.atomic():
                step()
            took = time.perf_counter() - started
            self.built.seconds[step.__name__] = took
            # On a shared machine the wall time says as much about the neighbours as about us:
            # the CPU seconds of this process and of its PostgreSQL backend say what it cost.
            self.built.cpu[step.__name__] = (time.process_time() - cpu, _server_cpu() - server)
            ours, theirs = self.built.cpu[step.__name__]
            self.log(f"  {step.__name__}: {took:.1f} s (CPU: {ours:.1f} s here, {theirs:.1f} s PG)")
        return self.built


def _server_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend so far (0 if it is not local)."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime, the 14th and 15th fields, in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def generate(scale: float, seed: int = 7, log: Callable[[str], None] | None = None) -> Built:
    """Write the dataset at this scale into the default database (which should be empty)."""
    return Generator(scale, seed, log).run()


@dataclass(frozen=True)
class Personas:
    """Who and what the runner measures, found again in a generated database."""

    member: int
    lead: int
    manager: int
    small_lead: int
    small_manager: int
    big_agency: int
    small_agency: int
    measured_meeting: int
    small_meeting: int
    early_meeting: int


def personas() -> Personas:
    """Look the measured people, agencies and meetings up by their fixed names."""
    users = dict(User.objects.filter(email__in=EMAILS.values()).values_list("email", "pk"))
    agencies = dict(
        Agency.objects.filter(short_name__in=[BIG_AGENCY, SMALL_AGENCY]).values_list(
            "short_name", "pk"
        )
    )
    committee = Committee.objects.get(short_name=MEASURED_COMMITTEE)
    meetings = Meeting.objects.filter(committee=committee)
    measured = meetings.get(status=Meeting.Status.PUBLISHED)
    # A short agenda a member may open, to show that queries do not grow with rows.
    small = small_meeting(committee.pk)
    # The committee's third meeting: its Summary of actions has few rows.
    early = (
        meetings.exclude(status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
        .order_by("starts_at")[2:3]
        .get()
    )
    return Personas(
        member=users[EMAILS["member"]],
        lead=users[EMAILS["lead"]],
        manager=users[EMAILS["manager"]],
        small_lead=users[EMAILS["small_lead"]],
        small_manager=users[EMAILS["small_manager"]],
        big_agency=agencies[BIG_AGENCY],
        small_agency=agencies[SMALL_AGENCY],
        measured_meeting=measured.pk,
        small_meeting=small.pk if small else measured.pk,
        early_meeting=early.pk,
    )
