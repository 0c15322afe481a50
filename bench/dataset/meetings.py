"""Committees, their officers and chasing policies, and meetings."""

from __future__ import annotations

import datetime

from actions.models import ChasingPolicy
from bench.dataset.bulk import _at, _bulk
from bench.dataset.constants import COMMITTEE_NAMES, MEASURED_COMMITTEE, MEETING_EVERY_DAYS
from meetings.models import Committee, Meeting


class CommitteesAndMeetings:
    """The generator's steps that write committees and meetings."""

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

    def meetings_by_id(self) -> dict[int, Meeting]:
        """Meetings by id (built once)."""
        if not hasattr(self, "_meetings_by_id"):
            self._meetings_by_id = {m.pk: m for m in self.meeting_list}
        return self._meetings_by_id
