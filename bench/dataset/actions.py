"""Actions, their progress updates, and the chasing history of those already done."""

from __future__ import annotations

import bisect
import datetime

from actions.models import Action, ActionUpdate, Delivery, Notification
from bench.dataset.bulk import _at, _days, _insert
from bench.dataset.constants import TOPICS, VERBS, K, S
from meetings.models import Meeting

ONE_DAY, THREE_DAYS, SEVEN_DAYS, TWO_WEEKS = _days(1), _days(3), _days(7), _days(14)


class ActionsAndHistory:
    """The generator's step that writes actions and their history."""

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
        for start in range(0, len(plan), 10_000):
            self._action_chunk(plan[start : start + 10_000], items_by_meeting)

    def _origin(self, committee: int, before: datetime.date) -> Meeting | None:
        """One of the last six meetings held at least two weeks before a date."""
        # The committee's past meetings are in date order: those held by then are a prefix.
        if not hasattr(self, "_past_days"):
            self._past_days = {
                c: [m.starts_at.date() for m in meetings] for c, meetings in self.past.items()
            }
        meetings = self.past.get(committee, [])
        held = bisect.bisect_right(self._past_days.get(committee, []), before - TWO_WEEKS)
        return self.rng.choice(meetings[max(held - 6, 0) : held]) if held else None

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
            action = dict(
                committee_id=committee,
                meeting_id=meeting.pk if meeting else None,
                agenda_item_id=item.pk if item else None,
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
        for action, pk in zip(actions, _insert(Action, actions, self.built.counts), strict=True):
            action["id"] = pk
        co_rows = []
        for action, finished in zip(actions, done_at, strict=True):
            if rng.random() < 0.08:
                other = rng.choice(self.partners[action["committee_id"]])
                if other.pk != action["owning_agency_id"]:
                    co_rows.append({"action_id": action["id"], "agency_id": other.pk})
            updates += self._updates(action, finished)
        _insert(Action.co_agencies.through, co_rows, self.built.counts)
        _insert(ActionUpdate, updates, self.built.counts)
        self._history(actions, done_at)

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

    def _updates(self, action: dict, finished: datetime.datetime | None) -> list[dict]:
        rng = self.rng
        author = action["owner_id"] or self.leads.get(action["owning_agency_id"])
        if finished is not None:
            evidence = rng.random() < 0.1
            return [
                dict(
                    action_id=action["id"],
                    author_id=author,
                    created_at=finished,
                    note="Done: the letter is attached." if evidence else "Done.",
                    status_from=S.IN_PROGRESS,
                    status_to=action["status"],
                    evidence=f"evidence/bench/{action['id']}.pdf" if evidence else "",
                    evidence_name="Letter to the Committee.pdf" if evidence else "",
                )
            ]
        if action["status"] == S.IN_PROGRESS:
            return [
                dict(
                    action_id=action["id"],
                    author_id=author,
                    created_at=action["created_at"] + THREE_DAYS,
                    note="Work has started.",
                    status_from=S.OPEN,
                    status_to=S.IN_PROGRESS,
                )
            ]
        return []

    def _history(self, actions: list[dict], done_at: list) -> None:
        """The chasing history of actions already done: a reminder the day before they fell due,
        and for those done late an overdue notice and the managers' escalation, all sent."""
        notifications, recipients = [], []
        for action, finished in zip(actions, done_at, strict=True):
            due = action["due_date"]
            if finished is None or due is None:
                continue
            agency = action["owning_agency_id"]
            owner = action["owner_id"] or self.leads.get(agency)
            steps = [(Notification.Kind.REMINDER, 0, due - ONE_DAY, owner, False)]
            if finished.date() > due + SEVEN_DAYS:
                steps += [
                    (Notification.Kind.OVERDUE, 0, due + ONE_DAY, owner, False),
                    (
                        Notification.Kind.ESCALATION,
                        1,
                        due + SEVEN_DAYS,
                        self.managers.get(agency),
                        True,
                    ),
                ]
            for kind, level, day, person, digest in steps:
                if day >= finished.date() or person is None:
                    continue
                at = _at(day, 7)
                notifications.append(
                    dict(
                        action_id=action["id"],
                        kind=kind,
                        level=level,
                        day=day,
                        created_at=at,
                        planned_at=at,
                    )
                )
                recipients.append((person, digest, at))
        created = _insert(Notification, notifications, self.built.counts)
        _insert(
            Delivery,
            [
                dict(
                    notification_id=n,
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
