"""Reminder and digest emails, in the recipient's words and filtered by what they may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from agencies.models import Membership, User
from meetings.marking import MarkedEmail, email_marking, marked_email

from .models import Action, Delivery
from .visibility import visible_actions


@dataclass(frozen=True)
class ActionLine:
    """What one email says about one action; `visible` False hides every detail."""

    reference: str
    link: str
    visible: bool
    description: str
    origin: str
    agency: str
    owner: str
    deadline: str
    lateness: str
    days_late: int
    unassigned: bool
    as_of: str = ""
    promised: str = ""
    lead: str = ""


def lateness(due: datetime.date, today: datetime.date) -> str:
    """ "due in 3 days", "due today", "1 day overdue"."""
    days = (today - due).days
    if days == 0:
        return "due today"
    count = abs(days)
    unit = "day" if count == 1 else "days"
    return f"{count} {unit} overdue" if days > 0 else f"due in {count} {unit}"


def _origin(action: Action) -> str:
    if action.meeting is None:
        return action.source or action.committee.name
    origin = f"{action.committee.name}, {action.meeting.starts_at:%d %B %Y}"
    if action.agenda_item is not None:
        origin += f", item: {action.agenda_item.title}"
    return origin


def action_line(action: Action, today: datetime.date, visible: bool, lead: str = "") -> ActionLine:
    """One action as an email shows it to someone who may (or may not) see its details; only
    actions with a due date are chased."""
    due = action.due_date
    if due is None:
        raise ValueError(f"{action.reference} has no due date to chase")
    return ActionLine(
        reference=action.reference,
        link=f"{settings.SITE_URL}{action.get_absolute_url()}",
        visible=visible,
        description=action.description if visible else "",
        origin=_origin(action) if visible else action.committee.name,
        agency=action.owning_agency.name,
        owner=action.owner.full_name if action.owner and visible else "",
        deadline=f"{due.day} {due:%B %Y}",
        promised=action.due_text if visible else "",
        lead=lead if action.owner_id is None else "",
        lateness=lateness(due, today),
        days_late=(today - due).days,
        unassigned=action.owner_id is None,
        as_of=f"{today:%-d %B %Y}",
    )


def agency_leads(agency_ids: set[int]) -> dict[int, str]:
    """The names of each agency's leads, who must assign its unassigned actions (one query)."""
    names: dict[int, list[str]] = {}
    leads = Membership.objects.filter(agency_id__in=agency_ids, role=Membership.Role.LEAD)
    for agency_id, name in leads.order_by("user__full_name").values_list(
        "agency_id", "user__full_name"
    ):
        names.setdefault(agency_id, []).append(name)
    return {agency_id: " and ".join(people) for agency_id, people in names.items()}


def visible_ids(user: User, actions: list[Action]) -> set[int]:
    """Which of these actions this person may see in full (the access rule, once per email)."""
    ids = [action.pk for action in actions]
    return set(visible_actions(user).filter(pk__in=ids).values_list("pk", flat=True))


def _message(
    user: User,
    subject: str,
    template: str,
    context: dict,
    message_id: str,
    shown: list[Action],
) -> MarkedEmail:
    """The email, marked OFFICIAL-SENSITIVE when the actions whose details it shows (`shown`)
    carry restricted content; one naming only a restricted action's reference is not."""
    marking, disclosed = email_marking(shown)
    context = {"user": user, "site_url": settings.SITE_URL, "marking": marking, **context}
    return marked_email(
        subject=subject,
        text=render_to_string(f"actions/email/{template}.txt", context),
        html=render_to_string(f"actions/email/{template}.html", context),
        to=user.email,
        marking=marking,
        disclosed=disclosed,
        headers={"Message-ID": message_id},
    )


def _message_id(key: str) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ")
    return f"<{key}@{domain}>"


def reminder(delivery: Delivery, visible: bool | None = None) -> MarkedEmail:
    """The email for one reminder or overdue notice to an owner (or the lead of an unassigned
    action), as of its step's own day: a reminder sent late after an outage says what it said
    on its day, so two steps never read as two copies of one. Its Message-ID is fixed per
    delivery so a resend after a crash is recognisable. `visible`: whether the recipient may
    see the action, when the caller has just checked (a batch checks once per person)."""
    action = delivery.notification.action
    user = delivery.recipient
    step_day = delivery.notification.day
    if visible is None:
        visible = bool(visible_ids(user, [action]))
    line = action_line(action, step_day, visible)
    verb = "Unassigned action" if line.unassigned and action.owner_id != user.pk else "Action"
    subject = f"{verb} {action.reference} is {line.lateness}"
    # The owner cannot be reached (cannot sign in, or may not see it): the lead is asked instead.
    stand_in = not line.unassigned and action.owner_id != user.pk
    context = {"line": line, "for_lead": verb != "Action", "stand_in": stand_in, "subject": subject}
    key = _message_id(f"delivery-{delivery.pk}")
    return _message(user, subject, "reminder", context, key, [action] if line.visible else [])


def digest(user: User, deliveries: list[Delivery], today: datetime.date) -> MarkedEmail:
    """One email a day for a manager or committee officer: the actions escalated to them, each
    as of its step's own day (the newest step when an action has two)."""
    steps: dict[int, Delivery] = {}
    for d in sorted(deliveries, key=lambda d: (d.notification.day, d.notification.level)):
        steps[d.notification.action_id] = d
    seen = visible_ids(user, [d.notification.action for d in steps.values()])
    leads = agency_leads(
        {
            d.notification.action.owning_agency_id
            for d in steps.values()
            if d.notification.action.owner_id is None
        }
    )
    lines = sorted(
        (
            action_line(
                d.notification.action,
                d.notification.day,
                pk in seen,
                leads.get(d.notification.action.owning_agency_id, ""),
            )
            for pk, d in steps.items()
        ),
        key=lambda line: (-line.days_late, line.reference),
    )
    count = len(lines)
    subject = f"Overdue actions: {count} need{'s' if count == 1 else ''} your attention"
    context = {"lines": lines, "today": today, "subject": subject}
    key = f"digest-{user.pk}-{today:%Y%m%d}-{min(d.pk for d in deliveries)}"
    shown = [d.notification.action for pk, d in steps.items() if pk in seen]
    return _message(user, subject, "digest", context, _message_id(key), shown)
