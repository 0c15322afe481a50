"""Agendas (items, presenters, papers, public questions) and restricted items' grants."""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.auth.models import Permission
from django.db.models import Count, Q

from actions.models import Action
from bench.dataset.bulk import _bulk, _days, _insert
from bench.dataset.constants import (
    BOROUGHS,
    MEASURED_ITEMS,
    SMALL_SEARCH,
    STANDING,
    STANDING_TITLES,
    SUBTOPICS,
    TAIL,
    TOPICS,
    K,
    S,
)
from meetings.models import (
    AgendaItem,
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
    Meeting,
    Paper,
    PublicQuestion,
)

# Rows built and written at a time, so that memory does not grow with the scale.
SLICE = 20_000


class Item(NamedTuple):
    """What the later steps read of an agenda item once it is written."""

    pk: int
    meeting_id: int
    parent_id: int | None
    kind: str
    title: str


class AgendasAndGrants:
    """The generator's steps that write agenda items and restrict some of them."""

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
        # Write level by level so that parents have ids before their children, in slices, and
        # keep only what later steps read of each item: at scale 10 the 600,000 model
        # instances held at once took gigabytes.
        self.items: dict[int, list[Item]] = {}
        ids: dict[tuple[int, int], int] = {}
        depth_of: dict[tuple[int, int], int] = {}
        rows: list[dict] = []
        keys: list[tuple[int, int]] = []

        def flush() -> None:
            created = _insert(AgendaItem, rows, self.built.counts)
            for key, row, pk in zip(keys, rows, created, strict=True):
                ids[key] = pk
                self.items.setdefault(key[0], []).append(
                    Item(pk, row["meeting_id"], row["parent_id"], row["kind"], row["title"])
                )
            rows.clear()
            keys.clear()

        for depth in range(AgendaItem.MAX_DEPTH):
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
                    if len(rows) >= SLICE:
                        flush()
            flush()
        self._item_extras()

    def _item(self, meeting_id, committee, kind, position, parent, ids, sub) -> dict:
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
        return dict(
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
        children: dict[int, list[Item]] = {}
        roots: list[Item] = []
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
        self._restrict_short_agenda(committee, permission)
        action = Action.objects.filter(owning_agency=self.small).order_by("pk").first()
        Action.objects.filter(pk=action.pk).update(
            committee_id=committee,
            meeting=first,
            agenda_item=item,
            restricted=True,
            status=S.OPEN,
            due_date=self.today - _days(10),
        )

    def _restrict_short_agenda(self, committee: int, permission: Permission) -> None:
        """The short agenda (small_meeting), its pack and the small search show one restricted
        item granted to the MPS, as the measured agenda and the search for a common word show
        several: both variants write the read log, so their query counts compare rows with rows.
        The item, one of its papers and one action of the measured agenda carry SMALL_SEARCH."""
        short = small_meeting(committee)
        item = (
            AgendaItem.objects.filter(
                meeting=short, kind__in=(K.SUBSTANTIVE, K.PRESENTATION), children__isnull=True
            )
            .order_by("position", "id")
            .first()
        )
        if item is None:
            return
        AgendaItem.objects.filter(pk=item.pk).update(
            restricted=True, title=f"{SMALL_SEARCH.title()} estate: {item.title}"[:300]
        )
        AgendaItemGroupObjectPermission.objects.get_or_create(
            permission=permission, group_id=self.group_of[self.big.pk], content_object_id=item.pk
        )
        paper = Paper.objects.filter(item=item).order_by("pk").first()
        if paper is not None:
            Paper.objects.filter(pk=paper.pk).update(
                title=f"{SMALL_SEARCH.title()} {paper.title}"[:200]
            )
        else:
            # The pack merges a restricted item's paper and logs its read (two queries): the
            # small pack has one too, as the measured pack has several.
            Paper.objects.create(
                item=item,
                title=f"{SMALL_SEARCH.title()} estate: report",
                file=f"papers/bench/{item.pk}.pdf",
                size=120_000,
                content_type="application/pdf",
            )
        action = (
            Action.objects.filter(meeting=self.measured, owning_agency=self.big)
            .order_by("pk")
            .first()
        )
        if action is not None:
            Action.objects.filter(pk=action.pk).update(
                description=f"{action.description} ({SMALL_SEARCH})"
            )


def small_meeting(committee: int) -> Meeting | None:
    """The measured committee's shortest held or published agenda (12 items at most) with a
    topic besides the standing items, the small variant of the agenda and pack pages."""
    topic = Q(items__kind__in=(K.SUBSTANTIVE, K.PRESENTATION))
    return (
        Meeting.objects.filter(committee_id=committee)
        .exclude(status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
        .annotate(n=Count("items"), topics=Count("items", filter=topic))
        .filter(n__lte=12, topics__gte=1)
        .order_by("n", "-starts_at")
        .first()
    )
