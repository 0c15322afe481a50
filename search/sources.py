"""The kinds of thing search finds, each read through the access rule the pages use.

Every kind's rows come from the same selectors as its pages (meetings.access, actions.visibility)
and nothing here decides access itself: committees of the person's partnerships, meetings they
may open (drafts only for those who run them), items whose content they may see, papers of those
items, minutes of those items once circulated (drafts only for the committee's officers, as the
minutes document decides) and the actions visible_actions gives them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.visibility import visible_actions
from agencies.models import User
from meetings import access
from meetings.models import AgendaItem, Committee, Meeting, Paper
from minutes.models import Minute, Minutes


def _visible_minutes(user: User) -> QuerySet[Minute]:
    items = access.visible_agenda_items(user).values("id")
    officer = access.officer_committees(user).values("id")
    return Minute.objects.filter(item__in=items).filter(
        ~Q(record__stage=Minutes.Stage.DRAFT) | Q(item__meeting__committee__in=officer)
    )


def _visible_papers(user: User) -> QuerySet[Paper]:
    return Paper.objects.filter(item__in=access.visible_agenda_items(user).values("id"))


def _date(meeting: Meeting) -> str:
    return f"{timezone.localtime(meeting.starts_at):%-d %B %Y}"


def _meeting_context(meeting: Meeting) -> str:
    return f"{meeting.committee.name}, {_date(meeting)}"


@dataclass(frozen=True)
class Source:
    """One kind of result: its rows as a person may see them, how to show and link one."""

    kind: str
    label: str
    visible: Callable[[User], QuerySet]
    related: tuple[str, ...]
    # Given a row of this kind (typed Any: each lambda below knows its own model).
    link: Callable[[Any], str]
    context: Callable[[Any], str]


SOURCES: dict[str, Source] = {
    source.kind: source
    for source in (
        Source(
            "committee",
            "Committees",
            access.partner_committees,
            ("host",),
            lambda c: c.get_absolute_url(),
            lambda c: f"Committee hosted by {c.host.name}",
        ),
        Source(
            "meeting",
            "Meetings",
            access.visible_meetings,
            ("committee",),
            lambda m: m.get_absolute_url(),
            lambda m: f"Meeting: {_meeting_context(m)}",
        ),
        Source(
            "item",
            "Agenda items",
            access.visible_agenda_items,
            ("meeting__committee",),
            lambda i: f"{i.meeting.get_absolute_url()}#item-{i.pk}",
            lambda i: f"Agenda item: {i.meeting.title}, {_meeting_context(i.meeting)}",
        ),
        Source(
            "minutes",
            "Minutes",
            _visible_minutes,
            ("item__meeting__committee",),
            lambda m: reverse("minutes:document", args=[m.item.meeting_id]),
            lambda m: f"Minutes of {m.item.meeting.title}, {_meeting_context(m.item.meeting)}",
        ),
        Source(
            "action",
            "Actions",
            visible_actions,
            ("committee", "owning_agency"),
            lambda a: a.get_absolute_url(),
            lambda a: f"Action {a.reference}, {a.owning_agency.short_name}, {a.committee.name}",
        ),
        Source(
            "paper",
            "Papers",
            _visible_papers,
            ("item__meeting__committee",),
            lambda p: reverse("meetings:paper", args=[p.pk]),
            lambda p: f"Paper for {p.item.title}, {_meeting_context(p.item.meeting)}",
        ),
    )
}

# What a result of each kind is called as its heading when it has no title column of its own.
TITLES: dict[str, Callable[[Any], str]] = {
    "minutes": lambda m: m.item.title,
}

MODELS: dict[str, type[Model]] = {
    "committee": Committee,
    "meeting": Meeting,
    "item": AgendaItem,
    "minutes": Minute,
    "action": Action,
    "paper": Paper,
}
