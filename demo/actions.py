"""Loads the demo actions of demo/data/actions.py; running it again changes nothing."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from actions import services
from actions.models import Action, ActionUpdate
from agencies.models import Agency, User
from agencies.selectors import agency_match
from demo.data.actions import ACTION_BY_OFFICERS, ACTIONS, RECORDED_BY
from demo.data.people import PEOPLE
from meetings.models import AgendaItem, Committee, Meeting

from .transcripts import accept_draft, load_transcripts_demo

LONDON = ZoneInfo("Europe/London")
EVIDENCE_DIR = Path(__file__).resolve().parent / "data" / "evidence"
# "Metropolitan Police Service (MPS)": a name followed by its short name in brackets.
NAME_AND_SHORT = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[^()]+)\)$")


def demo_due_date(row: dict, today: date) -> date | None:
    """The due date a demo action gets when the demo is loaded on `today` (a London date).

    The seed's deadlines are years past, so an outstanding action's row gives `due_in_days`
    instead: it falls due that many days after the load day (negative: it is already that many
    days late). The rows spread these so that, straight after `make run`, the chasing ladder has
    something at every step: due within the week (reminders), due today, up to a week late (the
    owner, or the agency's lead when unassigned), 8 to 28 days late (the agency's managers) and
    29 or more days late (the committee's chairs and secretariat). Done actions keep the
    historic date the document gives (`due_on`), if any. The deadline as promised ("By January
    2015") stays in due_text either way.
    """
    if row["status"] in Action.OUTSTANDING:
        days = row.get("due_in_days")
        return None if days is None else today + timedelta(days=days)
    due_on = row.get("due_on")
    return date.fromisoformat(due_on) if due_on else None


def match_agency(name: str) -> Agency:
    """The demo agency a document names, by its name, short name or an alias; a GLA officer's
    title ("Monitoring Officer") stands for the GLA."""
    candidates = [name]
    bracketed = NAME_AND_SHORT.match(name.strip())
    if bracketed:
        candidates += [bracketed["name"], bracketed["short"]]
    for candidate in candidates:
        agency = agency_match(name=candidate)
        if agency is not None:
            return agency
    if name in ACTION_BY_OFFICERS:
        return Agency.objects.get(short_name=ACTION_BY_OFFICERS[name])
    raise ValueError(f"No demo agency is called {name!r}.")


def _people() -> dict[str, User]:
    by_email = {u.email.lower(): u for u in User.objects.all()}
    return {row["key"]: by_email[row["email"].lower()] for row in PEOPLE}


def _noon(day: str) -> datetime:
    """Noon in London on a day of the documents, for dating what happened on it."""
    return datetime.combine(date.fromisoformat(day), time(12), LONDON)


def _agenda_item(meeting: Meeting, path: list[str]) -> AgendaItem:
    """The item at this path of titles from the top of the meeting's agenda."""
    item = None
    for title in path:
        item = AgendaItem.objects.get(meeting=meeting, parent=item, title=title)
    if item is None:
        raise ValueError("An agenda item's path names at least one title")
    return item


def _origin(row: dict, committee: Committee) -> tuple[Meeting | None, AgendaItem | None]:
    if row["meeting"] is None:
        return None, None
    starts_at = datetime.fromisoformat(row["meeting"]).replace(tzinfo=LONDON)
    meeting = Meeting.objects.get(committee=committee, starts_at=starts_at)
    item = _agenda_item(meeting, row["item"]) if row.get("item") else None
    return meeting, item


def _evidence(update: dict) -> SimpleUploadedFile | None:
    if not update.get("evidence"):
        return None
    content = (EVIDENCE_DIR / update["evidence"]).read_bytes()
    return SimpleUploadedFile(update["evidence_name"], content)


def _create(row: dict, committee: Committee, people: dict[str, User], today: date) -> Action:
    meeting, item = _origin(row, committee)
    if row.get("line") and meeting is not None:
        # Said at the meeting: the action comes from its transcript's draft, as a chair accepts it.
        action = accept_draft(
            row,
            meeting=meeting,
            item=item,
            owning_agency=match_agency(row["action_by"]),
            owner=people[row["owner"]] if row["owner"] else None,
            co_agencies=[match_agency(name) for name in row["co_agencies"]],
            due_date=demo_due_date(row, today),
        )
    else:
        action = _record(row, committee, meeting, item, people, today)
    return _history(row, action, people)


def _record(
    row: dict,
    committee: Committee,
    meeting: Meeting | None,
    item: AgendaItem | None,
    people: dict[str, User],
    today: date,
) -> Action:
    action, _warnings = services.action_create(
        by=people[RECORDED_BY[row["committee"]]],
        committee=committee,
        meeting=meeting,
        agenda_item=item,
        source=row["source"],
        reference=row["reference"],
        description=row["description"],
        owning_agency=match_agency(row["action_by"]),
        co_agencies=[match_agency(name) for name in row["co_agencies"]],
        owner=people[row["owner"]] if row["owner"] else None,
        due_date=demo_due_date(row, today),
        due_text=row["due_text"],
    )
    return action


def _history(row: dict, action: Action, people: dict[str, User]) -> Action:
    # The history happened years ago: each update is dated as the documents date it, and the
    # action as when it was promised, so that "done since the last meeting" reads true.
    last = _noon(row["created_on"]) if row["created_on"] else None
    for entry in row["updates"]:
        update = services.action_update(
            by=people[entry["by"]],
            action=action,
            note=entry.get("note", ""),
            status=entry.get("status"),
            evidence=_evidence(entry),
        )
        last = _noon(entry["on"])
        ActionUpdate.objects.filter(pk=update.pk).update(created_at=last)
    action.refresh_from_db()
    if action.status != row["status"]:
        raise ValueError(
            f"{row['reference']} ends {action.status}, but the data says {row['status']}."
        )
    if last is not None:
        created = _noon(row["created_on"]) if row["created_on"] else last
        Action.objects.filter(pk=action.pk).update(created_at=created, updated_at=last)
    return action


@transaction.atomic
def load_actions_demo(
    *, people: dict[str, User] | None = None, today: date | None = None
) -> list[Action]:
    """Create the demo actions that are not there yet (matched by reference), with due dates
    shifted to the load day (see demo_due_date); actions already there are left as they are."""
    today = today or timezone.localdate()
    people = people or _people()
    committees = {c.short_name.upper(): c for c in Committee.objects.all()}
    load_transcripts_demo(committees, people)
    references = [row["reference"] for row in ACTIONS]
    existing = set(
        Action.objects.filter(reference__in=references).values_list("reference", flat=True)
    )
    for row in ACTIONS:
        if row["reference"] not in existing:
            _create(row, committees[row["committee"]], people, today)
    return list(Action.objects.filter(reference__in=references).order_by("committee", "reference"))
