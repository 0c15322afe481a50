"""The benchmark's dataset: a partnership at scale, written in bulk.

At scale 1: 300 agencies, 3,000 people, 40 committees, 5,000 meetings, 60,000 agenda items (10%
restricted to a few agencies by guardian group grants, as `meetings.services.item_restrict`
writes them), 100,000 actions of which 10,000 are due within the chasing horizon or overdue,
their progress updates, and the chasing history (notifications and sent emails) of the actions
already done. One upcoming meeting of the first committee has a 60-item agenda: the measured one.

Rows are written with `bulk_create` (ids come back on PostgreSQL and SQLite), so that the full
dataset takes minutes. The same seed gives the same data. Attendance and minutes stay empty.
"""

from __future__ import annotations

import datetime
import random
import time
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from actions.models import Action, ActionUpdate, ChasingPolicy, Delivery, Notification
from agencies.models import Agency, Membership, User
from demo.data.agencies import AGENCIES as SEED_AGENCIES
from meetings.models import (
    AgendaItem,
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
    Committee,
    Meeting,
    Paper,
    PublicQuestion,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
PASSWORD = "bench-partnership"
BATCH = 2000
MEASURED_ITEMS = 60
MEETING_EVERY_DAYS = 28

# Fixed people and places the runner measures with; found again by these keys.
EMAILS = {
    "member": "bench.member@mps.bench.example",
    "lead": "bench.lead@mps.bench.example",
    "manager": "bench.manager@mps.bench.example",
    "small_lead": "bench.lead@small.bench.example",
    "small_manager": "bench.manager@small.bench.example",
}
BIG_AGENCY = "MPS"
SMALL_AGENCY = "BENCH-SMALL"
HOST_AGENCY = "MOPAC"
MEASURED_COMMITTEE = "police-and-crime"

S = Action.Status
K = AgendaItem.Kind
STANDING = [K.APOLOGIES, K.DECLARATIONS, K.MINUTES, K.ACTIONS]
TAIL = [K.AOB, K.NEXT_MEETING]
STANDING_TITLES = {
    K.APOLOGIES: "Apologies for absence and Chair's announcements",
    K.DECLARATIONS: "Declarations of interests",
    K.MINUTES: "Minutes of the previous meeting",
    K.ACTIONS: "Summary list of actions",
    K.AOB: "Any other business the Chair considers urgent",
    K.NEXT_MEETING: "Date of the next meeting",
    K.PUBLIC_QUESTIONS: "Questions from the public",
}
TOPICS = [
    "Child sexual exploitation: progress on the MASH review",
    "Knife crime: quarterly performance",
    "Domestic abuse: perpetrator programmes",
    "Youth offending: remand and resettlement",
    "Victims' services commissioning",
    "Gangs matrix: the independent review",
    "Missing children: return home interviews",
    "Stop and search: community monitoring",
    "Rape review: case attrition",
    "Court backlogs and witness care",
    "Female offenders: the whole-system approach",
    "Hate crime reporting",
    "Neighbourhood policing: the local model",
    "Mental health and policing: section 136 detentions",
    "Safeguarding adolescents in custody",
    "Violence against women and girls: the strategy refresh",
    "Probation caseloads after unification",
    "Budget monitoring and the police precept",
]
SUBTOPICS = ["Performance report", "Partner update", "Case study", "Recommendations", "Data"]
VERBS = ["write to the Committee on", "report back on", "share the data on", "review", "publish"]
BOROUGHS = [
    "Barnet", "Bexley", "Brent", "Bromley", "Ealing", "Enfield", "Hackney", "Haringey",
    "Harrow", "Hillingdon", "Hounslow", "Islington", "Lambeth", "Lewisham", "Newham",
    "Redbridge", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth",
    "Westminster", "Kingston", "Richmond", "Barking and Dagenham", "Havering", "Camden",
]  # fmt: skip
SERVICES = [
    ("Children's Services", Agency.Kind.LOCAL_AUTHORITY),
    ("Community Safety Partnership", Agency.Kind.LOCAL_AUTHORITY),
    ("Youth Offending Service", Agency.Kind.JUSTICE),
    ("Clinical Commissioning Group", Agency.Kind.HEALTH),
    ("Safeguarding Children Board", Agency.Kind.OVERSIGHT),
    ("Police Basic Command Unit", Agency.Kind.POLICE),
    ("Women's Aid", Agency.Kind.VOLUNTARY),
    ("Victim Support", Agency.Kind.VOLUNTARY),
    ("Probation Delivery Unit", Agency.Kind.JUSTICE),
    ("Mental Health Trust", Agency.Kind.HEALTH),
    ("Housing Service", Agency.Kind.LOCAL_AUTHORITY),
    ("Schools Partnership", Agency.Kind.OTHER),
]
COMMITTEE_NAMES = [
    "Police and Crime Committee",
    "MOPAC Challenge",
    "Justice Matters",
    "London Crime Reduction Board",
    "Violence Against Women and Girls Board",
    "London Safeguarding Children Board",
    "Criminal Justice Board",
    "Victims Board",
    "Gangs and Serious Youth Violence Panel",
    "Missing Children Panel",
]
FIRST = ["Amina", "Ben", "Chloe", "Daniel", "Ella", "Farid", "Grace", "Hassan", "Isla", "James",
         "Kemi", "Liam", "Maya", "Noah", "Olu", "Priya", "Rosa", "Sam", "Tariq", "Zoe"]  # fmt: skip
LAST = ["Adeyemi", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal",
        "Jones", "Khan", "Lewis", "Murphy", "Nolan", "Okafor", "Patel", "Quinn", "Roberts",
        "Singh", "Taylor", "Walker", "Young"]  # fmt: skip


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


@contextmanager
def own_timestamps(*models) -> Iterator[None]:
    """Let bulk_create keep the historical times we give instead of stamping now()."""
    fields = [
        f for model in models for f in model._meta.concrete_fields if hasattr(f, "auto_now_add")
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _bulk(model, rows: list, counts: dict[str, int]) -> list:
    created = model.objects.bulk_create(rows, batch_size=BATCH)
    name = model._meta.db_table
    counts[name] = counts.get(name, 0) + len(created)
    return created


def _at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


class Generator:
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
            started = time.perf_counter()
            with transaction.atomic():
                step()
            took = time.perf_counter() - started
            self.built.seconds[step.__name__] = took
            self.log(f"  {step.__name__}: {took:.1f} s")
        return self.built

    # -- agencies and people ------------------------------------------------------------------

    def agencies(self) -> None:
        """Seed agencies first (MOPAC, MPS...), then borough services, then a small charity."""
        wanted = self.sizes.agencies - 1
        specs = [(a["name"], a["short_name"], a["kind"]) for a in SEED_AGENCIES][:wanted]
        names = {name for name, _, _ in specs}
        index = 0
        while len(specs) < wanted:
            borough = BOROUGHS[index % len(BOROUGHS)]
            service, kind = SERVICES[(index // len(BOROUGHS)) % len(SERVICES)]
            round_ = index // (len(BOROUGHS) * len(SERVICES))
            name = f"{borough} {service}" + (f" {round_ + 1}" if round_ else "")
            if name not in names:
                names.add(name)
                specs.append((name, f"B{index:04d}", kind))
            index += 1
        specs.append(("Bench Small Charity", SMALL_AGENCY, Agency.Kind.VOLUNTARY))
        groups = _bulk(Group, [Group(name=f"agency:{s}") for _, s, _ in specs], self.built.counts)
        rows = [
            Agency(name=name, short_name=short, kind=kind, group=group)
            for (name, short, kind), group in zip(specs, groups, strict=True)
        ]
        self.agency_list = _bulk(Agency, rows, self.built.counts)
        by_short = {a.short_name: a for a in self.agency_list}
        self.host = by_short[HOST_AGENCY]
        self.big = by_short[BIG_AGENCY]
        self.small = by_short[SMALL_AGENCY]
        self.group_of = {a.pk: a.group_id for a in self.agency_list}

    def people(self) -> None:
        """Each agency gets a lead and a manager; the rest are members, the MPS many of them."""
        rng = self.rng
        password = make_password(PASSWORD)
        agencies = self.agency_list
        users: list[User] = []
        roles: list[tuple[int, int, str]] = []  # (user index, agency id, role)

        def person(email: str, agency: Agency, role: str) -> None:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            users.append(User(email=email, full_name=name, job_title=role, password=password))
            roles.append((len(users) - 1, agency.pk, role))

        R = Membership.Role
        person(EMAILS["member"], self.big, R.MEMBER)
        person(EMAILS["lead"], self.big, R.LEAD)
        person(EMAILS["manager"], self.big, R.MANAGER)
        person(EMAILS["small_lead"], self.small, R.LEAD)
        person(EMAILS["small_manager"], self.small, R.MANAGER)
        for agency in agencies:
            if agency.pk == self.small.pk:
                continue
            for role in (R.LEAD, R.MANAGER):
                if agency.pk == self.big.pk:
                    continue
                person(f"{role}.{agency.short_name.lower()}@agency.bench.example", agency, role)
        others = [a for a in agencies if a.pk != self.small.pk]
        weights = [20 if a.pk == self.big.pk else 1 for a in others]
        for n in range(max(self.sizes.users - len(users), 0)):
            agency = rng.choices(others, weights)[0]
            person(f"person{n:05d}@agency.bench.example", agency, R.MEMBER)
        created = _bulk(User, users, self.built.counts)
        memberships = [
            Membership(user_id=created[i].pk, agency_id=agency_id, role=role)
            for i, agency_id, role in roles
        ]
        # One in ten people also belongs to a second agency.
        for i, agency_id, _ in roles[5:]:
            if rng.random() < 0.1:
                second = rng.choice(others)
                if second.pk != agency_id:
                    memberships.append(Membership(user_id=created[i].pk, agency_id=second.pk))
        _bulk(Membership, memberships, self.built.counts)
        # As agencies.services.membership_set does: what is granted to an agency goes to its group.
        in_group = User.groups.through
        rows = [
            in_group(user_id=m.user_id, group_id=self.group_of[m.agency_id]) for m in memberships
        ]
        _bulk(in_group, rows, self.built.counts)
        self.members: dict[int, list[int]] = {}
        self.leads: dict[int, int] = {}
        self.managers: dict[int, int] = {}
        for i, agency_id, role in roles:
            if role == R.LEAD:
                self.leads[agency_id] = created[i].pk
            elif role == R.MANAGER:
                self.managers[agency_id] = created[i].pk
            else:
                self.members.setdefault(agency_id, []).append(created[i].pk)
        self.people_ids = [u.pk for u in created[5:]]

    # -- committees and meetings --------------------------------------------------------------

    def committees(self) -> None:
        """The first is hosted by MOPAC with the MPS and the small charity as members."""
        rng = self.rng
        names = [
            COMMITTEE_NAMES[i] if i < len(COMMITTEE_NAMES) else f"Partnership Board {i + 1:02d}"
            for i in range(self.sizes.committees)
        ]
        ordinary = [a for a in self.agency_list if a.pk not in {self.small.pk, self.big.pk}]
        rows, partners = [], []
        for index, name in enumerate(names):
            host = self.host if index == 0 else rng.choice(ordinary)
            members = set(rng.sample(ordinary, min(len(ordinary), rng.randint(6, 16))))
            members.discard(host)
            if index == 0 or rng.random() < 0.75:
                members.add(self.big)
            if index < 2:
                members.add(self.small)
            short = MEASURED_COMMITTEE if index == 0 else f"board-{index:02d}"
            rows.append(Committee(name=name, short_name=short, host=host))
            partners.append(sorted([host, *members], key=lambda a: a.pk))
        self.committee_list = _bulk(Committee, rows, self.built.counts)
        self.partners = {c.pk: p for c, p in zip(self.committee_list, partners, strict=True)}
        through = Committee.member_agencies.through
        _bulk(
            through,
            [
                through(committee_id=c.pk, agency_id=a.pk)
                for c in self.committee_list
                for a in self.partners[c.pk]
                if a.pk != c.host_id
            ],
            self.built.counts,
        )
        # A chair and one or two clerks each, from the people at large (never the personas).
        self.officers: dict[int, list[int]] = {}
        chairs, clerks = Committee.chairs.through, Committee.secretariat.through
        chair_rows, clerk_rows = [], []
        for committee in self.committee_list:
            chair, *clerk_ids = rng.sample(self.people_ids, 1 + rng.randint(1, 2))
            chair_rows.append(chairs(committee_id=committee.pk, user_id=chair))
            clerk_rows += [clerks(committee_id=committee.pk, user_id=u) for u in clerk_ids]
            self.officers[committee.pk] = [chair, *clerk_ids]
        _bulk(chairs, chair_rows, self.built.counts)
        _bulk(clerks, clerk_rows, self.built.counts)
        policies = [ChasingPolicy(committee=c) for c in self.committee_list]
        for policy in policies[1::5]:
            policy.managers_after_days, policy.officers_after_days = 14, 42
        _bulk(ChasingPolicy, policies, self.built.counts)

    def meetings(self) -> None:
        """Every four weeks for years; two or three ahead. The first committee's next meeting
        (in five days) is the measured agenda."""
        rng = self.rng
        total, count = self.sizes.meetings, len(self.committee_list)
        per = [total // count + (1 if i < total % count else 0) for i in range(count)]
        rows = []
        for index, (committee, n) in enumerate(zip(self.committee_list, per, strict=True)):
            first_ahead = 5 if index == 0 else rng.randint(1, MEETING_EVERY_DAYS)
            ahead = 3 if n >= 6 else 1
            for k in range(n):
                day = self.today + datetime.timedelta(
                    days=first_ahead + (k - (n - ahead)) * MEETING_EVERY_DAYS
                )
                starts = _at(day)
                if day > self.today:
                    status = Meeting.Status.PUBLISHED if k == n - ahead else Meeting.Status.DRAFT
                elif k >= n - ahead - 1:
                    status = Meeting.Status.MINUTES_DRAFTED
                else:
                    status = (
                        Meeting.Status.CANCELLED
                        if rng.random() < 0.02
                        else Meeting.Status.MINUTES_APPROVED
                    )
                rows.append(
                    Meeting(
                        committee=committee,
                        title=f"{committee.name}, {day:%-d %B %Y}",
                        starts_at=starts,
                        ends_at=starts + datetime.timedelta(hours=2, minutes=30),
                        location="Chamber, City Hall",
                        status=status,
                    )
                )
        self.meeting_list = _bulk(Meeting, rows, self.built.counts)
        through = Meeting.chairs.through
        _bulk(
            through,
            [through(meeting_id=m.pk, user_id=self.officers[m.committee_id][0]) for m in rows],
            self.built.counts,
        )
        self.past: dict[int, list[Meeting]] = {}
        for meeting in self.meeting_list:
            if meeting.starts_at < self.now and meeting.status != Meeting.Status.CANCELLED:
                self.past.setdefault(meeting.committee_id, []).append(meeting)
        first = self.committee_list[0].pk
        self.measured = next(
            m
            for m in self.meeting_list
            if m.committee_id == first and m.status == Meeting.Status.PUBLISHED
        )

    # -- agendas ------------------------------------------------------------------------------

    def _shape(self, n: int) -> list[tuple[int | None, str]]:
        """An agenda of n rows as (parent index, kind): standing items, substantive items with
        sub-items, any other business; a public and an exempt part when it is long."""
        rng = self.rng
        nodes: list[tuple[int | None, str]] = []

        def add(parent: int | None, kind: str) -> int:
            nodes.append((parent, kind))
            return len(nodes) - 1

        parts = n >= 30
        part = add(None, K.PART) if parts else None
        fixed = len(STANDING) + len(TAIL) + (2 if parts else 0)
        if n <= fixed:
            for kind in [*STANDING, *TAIL][: n - len(nodes)]:
                add(part, kind)
            return nodes
        for kind in STANDING:
            add(part, kind)
        free = n - fixed
        exempt = free // 4 if parts else 0
        public = free - exempt

        def business(parent: int | None, budget: int, questions: bool) -> None:
            while budget > 0:
                kind = rng.choice([K.SUBSTANTIVE, K.SUBSTANTIVE, K.PRESENTATION])
                if questions:
                    kind, questions = K.PUBLIC_QUESTIONS, False
                top = add(parent, kind)
                budget -= 1
                subs = min(budget, rng.choice([0, 0, 1, 2, 3]) if kind != K.PUBLIC_QUESTIONS else 0)
                for _ in range(subs):
                    add(top, K.SUBSTANTIVE)
                budget -= subs

        business(part, public, n >= 10)
        for kind in TAIL:
            add(part, kind)
        if parts:
            business(add(None, K.PART), exempt, False)
        return nodes

    def agendas(self) -> None:
        """60 rows for the measured meeting; the rest of the items spread over the others."""
        rng = self.rng
        others = [m for m in self.meeting_list if m.pk != self.measured.pk]
        spare = max(self.sizes.items - MEASURED_ITEMS, 0)
        base = spare // len(others)
        counts = {m.pk: base for m in others}
        for meeting in rng.sample(others, spare - base * len(others)):
            counts[meeting.pk] += 1
        # Vary lengths (some short, some long) while keeping the total.
        for a, b in zip(others[::2], others[1::2], strict=False):
            shift = rng.randint(0, max(counts[a.pk] - 3, 0) // 2)
            counts[a.pk] -= shift
            counts[b.pk] += shift
        counts[self.measured.pk] = MEASURED_ITEMS
        shapes = {m.pk: self._shape(counts[m.pk]) for m in self.meeting_list}
        meetings = {m.pk: m for m in self.meeting_list}
        # Write level by level so that parents have ids before their children.
        self.items: dict[int, list[AgendaItem]] = {}
        ids: dict[tuple[int, int], int] = {}
        depth_of: dict[tuple[int, int], int] = {}
        for depth in range(AgendaItem.MAX_DEPTH):
            rows, keys = [], []
            for meeting_id, nodes in shapes.items():
                committee = meetings[meeting_id].committee_id
                positions: dict[int | None, int] = {}
                for index, (parent, kind) in enumerate(nodes):
                    level = 0 if parent is None else depth_of[(meeting_id, parent)] + 1
                    depth_of[(meeting_id, index)] = level
                    position = positions[parent] = positions.get(parent, -1) + 1
                    if level != depth:
                        continue
                    under_item = parent is not None and nodes[parent][1] != K.PART
                    rows.append(
                        self._item(meeting_id, committee, kind, position, parent, ids, under_item)
                    )
                    keys.append((meeting_id, index))
            created = _bulk(AgendaItem, rows, self.built.counts)
            for key, item in zip(keys, created, strict=True):
                ids[key] = item.pk
                self.items.setdefault(key[0], []).append(item)
        self._item_extras()

    def _item(self, meeting_id, committee, kind, position, parent, ids, sub) -> AgendaItem:
        rng = self.rng
        if kind == K.PART:
            title = "Part 1: public business" if position == 0 else "Part 2: exempt business"
        elif kind in STANDING_TITLES:
            title = STANDING_TITLES[kind]
        elif sub:
            title = f"{rng.choice(SUBTOPICS)} {position + 1}"
        else:
            title = rng.choice(TOPICS)
        business = kind in (K.SUBSTANTIVE, K.PRESENTATION)
        partners = self.partners[committee]
        return AgendaItem(
            meeting_id=meeting_id,
            parent_id=ids[(meeting_id, parent)] if parent is not None else None,
            position=position,
            kind=kind,
            title=title,
            description="Report of the Executive Director of Secretariat." if business else "",
            planned_minutes=None
            if kind == K.PART
            else (rng.choice([15, 20, 30]) if business else 5),
            recommendation="That the Committee notes the report." if business else "",
            lead_agency_id=rng.choice(partners).pk if business and rng.random() < 0.5 else None,
        )

    def _item_extras(self) -> None:
        """Presenters, papers and public questions on some items."""
        rng = self.rng
        presenters = AgendaItem.presenters.through
        people, papers, questions = [], [], []
        for meeting_items in self.items.values():
            for item in meeting_items:
                if item.kind in (K.SUBSTANTIVE, K.PRESENTATION):
                    if rng.random() < 0.3:
                        user = rng.choice(self.people_ids)
                        people.append(presenters(agendaitem_id=item.pk, user_id=user))
                    if rng.random() < 0.2:
                        papers.append(
                            Paper(
                                item_id=item.pk,
                                title=f"{item.title}: report",
                                file=f"papers/bench/{item.pk}.pdf",
                                size=rng.randint(40_000, 2_000_000),
                                content_type="application/pdf",
                            )
                        )
                elif item.kind == K.PUBLIC_QUESTIONS:
                    questions += [
                        PublicQuestion(
                            item_id=item.pk,
                            question="What is being done about response times in my borough?",
                            asked_by=f"A resident of {rng.choice(BOROUGHS)}",
                            position=p,
                        )
                        for p in range(3)
                    ]
        _bulk(presenters, people, self.built.counts)
        _bulk(Paper, papers, self.built.counts)
        _bulk(PublicQuestion, questions, self.built.counts)

    def restrictions(self) -> None:
        """10% of items restricted with their sub-items, granted to 1-3 partner agencies (the
        MPS in about a third) and now and then to one person, as item_restrict writes them."""
        rng = self.rng
        target = round(0.1 * sum(len(v) for v in self.items.values()))
        permission = Permission.objects.get(
            content_type__app_label="meetings", codename="view_agendaitem"
        )
        children: dict[int, list[AgendaItem]] = {}
        roots: list[AgendaItem] = []
        for meeting_items in self.items.values():
            for item in meeting_items:
                if item.parent_id:
                    children.setdefault(item.parent_id, []).append(item)
                if item.kind in (K.SUBSTANTIVE, K.PRESENTATION):
                    roots.append(item)
        rng.shuffle(roots)
        # The measured agenda gets its share first: some granted to the MPS, some not.
        measured = {i.pk for i in self.items[self.measured.pk]}
        roots.sort(key=lambda i: i.pk not in measured)
        restricted: dict[int, tuple[list[int], list[int]]] = {}
        measured_roots = 0
        for root in roots:
            if len(restricted) >= target:
                break
            if root.pk in restricted:
                continue
            if root.pk in measured:
                if measured_roots >= 5:
                    continue
                measured_roots += 1
            committee = self.meetings_by_id()[root.meeting_id].committee_id
            partners = [a for a in self.partners[committee] if a.pk != self.big.pk]
            agencies = [a.pk for a in rng.sample(partners, min(len(partners), rng.randint(1, 3)))]
            # On the measured agenda the MPS is granted every other restricted item.
            if measured_roots % 2 if root.pk in measured else rng.random() < 0.35:
                agencies.append(self.big.pk)
            users = [rng.choice(self.people_ids)] if rng.random() < 0.05 else []
            stack = [root]
            while stack:
                node = stack.pop()
                restricted[node.pk] = (agencies, users)
                stack += children.get(node.pk, [])
        AgendaItem.objects.filter(pk__in=restricted).update(restricted=True)
        self.built.counts["restricted items"] = len(restricted)
        self.restricted = set(restricted)
        _bulk(
            AgendaItemGroupObjectPermission,
            [
                AgendaItemGroupObjectPermission(
                    permission=permission, group_id=self.group_of[agency], content_object_id=item
                )
                for item, (agencies, _) in restricted.items()
                for agency in agencies
            ],
            self.built.counts,
        )
        _bulk(
            AgendaItemUserObjectPermission,
            [
                AgendaItemUserObjectPermission(
                    permission=permission, user_id=user, content_object_id=item
                )
                for item, (_, users) in restricted.items()
                for user in users
            ],
            self.built.counts,
        )

    def small_variants(self) -> None:
        """One of the small charity's actions sits on a restricted item of the measured
        committee's first meeting, granted to the charity and the MPS, outstanding and overdue.
        The small variants of the register, summary and dashboard then show a restricted row as
        the big ones do, and so write the audit trail too: their query counts compare rows with
        rows, not a page with restricted rows with one without."""
        committee = self.measured.committee_id
        # The earliest item that can be restricted on its own, so that the early meeting's
        # summary (personas: the committee's third meeting) carries its action.
        item = (
            AgendaItem.objects.filter(
                meeting__committee_id=committee,
                kind__in=(K.SUBSTANTIVE, K.PRESENTATION),
                children__isnull=True,
            )
            .exclude(meeting__status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
            .select_related("meeting")
            .order_by("meeting__starts_at", "position", "id")
            .first()
        )
        first = item.meeting
        permission = Permission.objects.get(
            content_type__app_label="meetings", codename="view_agendaitem"
        )
        AgendaItem.objects.filter(pk=item.pk).update(restricted=True)
        for agency in (self.small.pk, self.big.pk):
            AgendaItemGroupObjectPermission.objects.get_or_create(
                permission=permission, group_id=self.group_of[agency], content_object_id=item.pk
            )
        action = Action.objects.filter(owning_agency=self.small).order_by("pk").first()
        Action.objects.filter(pk=action.pk).update(
            committee_id=committee,
            meeting=first,
            agenda_item=item,
            restricted=True,
            status=S.OPEN,
            due_date=self.today - _days(10),
        )

    def meetings_by_id(self) -> dict[int, Meeting]:
        """Meetings by id (built once)."""
        if not hasattr(self, "_meetings_by_id"):
            self._meetings_by_id = {m.pk: m for m in self.meeting_list}
        return self._meetings_by_id

    # -- actions and their chasing history ----------------------------------------------------

    def actions(self) -> None:
        """10,000 due within a week or overdue (up to six months), 5,000 due later or with no
        date, the rest done; the MPS owns about a fifth, the small charity five."""
        rng = self.rng
        total, due = self.sizes.actions, self.sizes.due
        later = round(0.05 * total)
        small = 5
        plan = ["due"] * due + ["later"] * later + ["done"] * (total - due - later - small)
        rng.shuffle(plan)
        plan = ["small"] * small + plan
        items_by_meeting = {
            meeting_id: [i for i in items if i.kind != K.PART]
            for meeting_id, items in self.items.items()
        }
        self.sequence = 0
        with own_timestamps(Action, ActionUpdate, Notification, Delivery):
            for start in range(0, len(plan), 10_000):
                self._action_chunk(plan[start : start + 10_000], items_by_meeting)

    def _origin(self, committee: int, before: datetime.date) -> Meeting | None:
        """One of the last six meetings held at least two weeks before a date."""
        meetings = [
            m for m in self.past.get(committee, []) if m.starts_at.date() <= before - _days(14)
        ]
        return self.rng.choice(meetings[-6:]) if meetings else None

    def _action_chunk(self, plan: list[str], items_by_meeting: dict) -> None:
        rng, today = self.rng, self.today
        first = self.committee_list[0].pk
        actions, done_at, updates = [], [], []
        for kind in plan:
            committee = first if kind == "small" else rng.choice(self.committee_list).pk
            status, due_date, due_text, finished = (
                rng.choice(Action.OUTSTANDING[:2]),
                None,
                "",
                None,
            )
            if kind in ("due", "small"):
                offset = rng.randint(0, 7) if rng.random() < 0.2 else -rng.randint(1, 180)
                due_date = today + _days(offset)
                meeting = self._origin(committee, due_date)
            elif kind == "later":
                if rng.random() < 0.6:
                    due_date = today + _days(rng.randint(8, 120))
                else:
                    due_text = rng.choice(["Ongoing", "By the next meeting", "Summer"])
                    status = S.ONGOING
                meeting = self._origin(committee, today)
            else:
                meeting = rng.choice(self.past[committee]) if self.past.get(committee) else None
                held = meeting.starts_at if meeting else self.now - _days(400)
                due_date = held.date() + _days(rng.randint(30, 120))
                finished = min(held + _days(rng.randint(7, 150)), self.now - _days(1))
                status = rng.choices([S.COMPLETED, S.CLOSED, S.DROPPED], [3, 6, 1])[0]
            agency = self._owner_agency(committee, kind)
            item = None
            if meeting is not None and rng.random() < 0.95:
                item = rng.choice(items_by_meeting[meeting.pk])
            members = self.members.get(agency, [])
            owner = rng.choice(members) if members and rng.random() < 0.75 else None
            created = meeting.starts_at if meeting else self.now - _days(400)
            self.sequence += 1
            action = Action(
                committee_id=committee,
                meeting=meeting,
                agenda_item=item,
                restricted=item is not None and item.pk in self.restricted,
                source="" if meeting else "Keeping London's Children Safe, recommendation 3",
                reference=f"A{self.sequence:06d}",
                description=f"{self._agency_name(agency)} to {rng.choice(VERBS)} "
                f"{(item.title if item else rng.choice(TOPICS)).lower()}.",
                owning_agency_id=agency,
                owner_id=owner,
                due_date=due_date,
                due_text=due_text,
                status=status,
                created_by_id=self.officers[committee][-1],
                created_at=created,
                updated_at=finished or created,
            )
            actions.append(action)
            done_at.append(finished)
        created_actions = _bulk(Action, actions, self.built.counts)
        co_rows = []
        through = Action.co_agencies.through
        for action, finished in zip(created_actions, done_at, strict=True):
            if rng.random() < 0.08:
                other = rng.choice(self.partners[action.committee_id])
                if other.pk != action.owning_agency_id:
                    co_rows.append(through(action_id=action.pk, agency_id=other.pk))
            updates += self._updates(action, finished)
        _bulk(through, co_rows, self.built.counts)
        _bulk(ActionUpdate, updates, self.built.counts)
        self._history(created_actions, done_at)

    def _owner_agency(self, committee: int, kind: str) -> int:
        if kind == "small":
            return self.small.pk
        partners = [a for a in self.partners[committee] if a.pk != self.small.pk]
        weights = [3 if a.pk == self.big.pk else 1 for a in partners]
        return self.rng.choices(partners, weights)[0].pk

    def _agency_name(self, agency_id: int) -> str:
        if not hasattr(self, "_names"):
            self._names = {a.pk: a.short_name for a in self.agency_list}
        return self._names[agency_id]

    def _updates(self, action: Action, finished: datetime.datetime | None) -> list[ActionUpdate]:
        rng = self.rng
        author = action.owner_id or self.leads.get(action.owning_agency_id)
        if finished is not None:
            evidence = rng.random() < 0.1
            return [
                ActionUpdate(
                    action_id=action.pk,
                    author_id=author,
                    created_at=finished,
                    note="Done: the letter is attached." if evidence else "Done.",
                    status_from=S.IN_PROGRESS,
                    status_to=action.status,
                    evidence=f"evidence/bench/{action.pk}.pdf" if evidence else "",
                    evidence_name="Letter to the Committee.pdf" if evidence else "",
                )
            ]
        if action.status == S.IN_PROGRESS:
            return [
                ActionUpdate(
                    action_id=action.pk,
                    author_id=author,
                    created_at=action.created_at + _days(3),
                    note="Work has started.",
                    status_from=S.OPEN,
                    status_to=S.IN_PROGRESS,
                )
            ]
        return []

    def _history(self, actions: list[Action], done_at: list) -> None:
        """The chasing history of actions already done: a reminder the day before they fell due,
        and for those done late an overdue notice and the managers' escalation, all sent."""
        notifications, recipients = [], []
        for action, finished in zip(actions, done_at, strict=True):
            if finished is None or action.due_date is None:
                continue
            agency = action.owning_agency_id
            owner = action.owner_id or self.leads.get(agency)
            reminder_day = action.due_date - _days(1)
            steps = [(Notification.Kind.REMINDER, 0, reminder_day, owner, False)]
            if finished.date() > action.due_date + _days(7):
                steps += [
                    (Notification.Kind.OVERDUE, 0, action.due_date + _days(1), owner, False),
                    (
                        Notification.Kind.ESCALATION,
                        1,
                        action.due_date + _days(7),
                        self.managers.get(agency),
                        True,
                    ),
                ]
            for kind, level, day, person, digest in steps:
                if day >= finished.date() or person is None:
                    continue
                at = _at(day, 7)
                notifications.append(
                    Notification(
                        action_id=action.pk,
                        kind=kind,
                        level=level,
                        day=day,
                        created_at=at,
                        planned_at=at,
                    )
                )
                recipients.append((person, digest, at))
        created = _bulk(Notification, notifications, self.built.counts)
        _bulk(
            Delivery,
            [
                Delivery(
                    notification_id=n.pk,
                    recipient_id=person,
                    digest=digest,
                    state=Delivery.State.SENT,
                    attempts=1,
                    next_attempt_at=at,
                    queued_at=at,
                    sent_at=at,
                    created_at=at,
                    subject="Reminder",
                )
                for n, (person, digest, at) in zip(created, recipients, strict=True)
            ],
            self.built.counts,
        )


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


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
    from django.db.models import Count

    small = (
        meetings.exclude(status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
        .annotate(n=Count("items"))
        .filter(n__lte=12)
        .order_by("n", "-starts_at")
        .first()
    )
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
