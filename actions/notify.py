"""Telling people of steps on actions, through the inbox (in-app and email, once each).

Called inside the step's transaction. Only people who may see the action are told: a restricted
action's owner or lead outside its grants hears nothing (DESIGN.md section 3), and the inbox
checks again before the email is sent.
"""

from __future__ import annotations

import datetime

from agencies.models import Membership, User
from inbox.models import Message
from inbox.services import messages_notify

from .models import Action
from .visibility import visible_actions

GUARD = "action"


def may_see_action(user: User, action_id: int) -> bool:
    """The inbox guard for actions: whether this person may see the action now."""
    return visible_actions(user).filter(pk=action_id).exists()


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _what(action: Action) -> str:
    origin = action.committee.name
    if action.meeting is not None:
        origin += f" meeting of {_day(action.meeting.starts_at.date())}"
    if action.restricted:
        # Restricted wording is read on the action's page, where the read is recorded; messages
        # and emails name only the reference.
        return f"restricted action {action.reference} from the {origin} (open it to read it)"
    return f"action {action.reference} from the {origin}: “{action.description}”"


def _next_step(action: Action) -> str:
    if action.due_date is not None:
        return f"Please record your progress by {_day(action.due_date)}"
    return "It has no deadline; please record your progress as you go"


def _told(action: Action, people: list[User], by: User | None) -> list[User]:
    return [p for p in people if p.id != getattr(by, "id", None) and may_see_action(p, action.pk)]


def _leads(action: Action) -> list[User]:
    """Who assigns the agency's actions: its leads, or its managers when it has no lead."""
    people = User.objects.filter(is_active=True, memberships__agency=action.owning_agency)
    leads = list(people.filter(memberships__role=Membership.Role.LEAD).distinct())
    return leads or list(people.filter(memberships__role=Membership.Role.MANAGER).distinct())


def action_notify_owner(*, action: Action, by: User | None, event: str) -> int:
    """Tell the action's owner it is theirs, or (unassigned) the agency's leads to assign it."""
    name = by.full_name if by is not None else "The committee"
    link = action.get_absolute_url()
    if action.owner is not None:
        kind, recipients = Message.Kind.ACTION_ASSIGNED, [action.owner]
        event = f"{event}:owner:{action.owner_id}"
        due = f", due {_day(action.due_date)}" if action.due_date else ""
        subject = f"Action {action.reference} is yours{due}"
        body = f"{name} gave you {_what(action)}. {_next_step(action)}"
    else:
        agency = action.owning_agency.name
        kind, recipients = Message.Kind.ACTION_TO_ASSIGN, _leads(action)
        event = f"{event}:assign"
        subject = f"Action {action.reference} for {agency} needs an owner"
        body = (
            f"{name} recorded {_what(action)} for {agency}, with nobody to own it yet. "
            f"Please assign it to someone in {agency}"
        )
    return messages_notify(
        event=event,
        kind=kind,
        recipients=_told(action, recipients, by),
        subject=subject,
        body=body,
        link=link,
        guard=GUARD,
        guard_id=action.pk,
        restricted=action.restricted,
    )
