"""The access rule of DESIGN.md section 3, in one place.

Every read of a committee's content goes through here. A committee's partners are its chairs,
its secretariat and the people of its host and member agencies. Restricted objects are filtered
with django-guardian object permissions given to agency groups or single users; model-level
(global) permissions never count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from guardian.shortcuts import get_objects_for_user

from agencies.models import User

from .models import AgendaItem, Committee, Meeting

VIEW_ITEM = "meetings.view_agendaitem"

if TYPE_CHECKING:
    from actions.models import Action

AnyUser = User | AnonymousUser


def _partner_q(user: User, prefix: str = "") -> Q:
    """Rows whose committee counts this person as a partner."""
    agencies = user.memberships.values("agency_id")
    return (
        Q(**{f"{prefix}chairs": user})
        | Q(**{f"{prefix}secretariat": user})
        | Q(**{f"{prefix}host__in": agencies})
        | Q(**{f"{prefix}member_agencies__in": agencies})
    )


def _officer_q(user: User, prefix: str = "") -> Q:
    return Q(**{f"{prefix}chairs": user}) | Q(**{f"{prefix}secretariat": user})


def partner_committees(user: AnyUser) -> QuerySet[Committee]:
    """Committees whose (unrestricted) content this person may see."""
    if not user.is_authenticated or not user.is_active:
        return Committee.objects.none()
    if user.is_superuser:
        return Committee.objects.all()
    ids = Committee.objects.filter(_partner_q(user)).values("id")
    return Committee.objects.filter(id__in=ids)


def officer_committees(user: AnyUser) -> QuerySet[Committee]:
    """Committees this person chairs or clerks: they see and run everything of them."""
    if not user.is_authenticated or not user.is_active:
        return Committee.objects.none()
    if user.is_superuser:
        return Committee.objects.all()
    ids = Committee.objects.filter(_officer_q(user)).values("id")
    return Committee.objects.filter(id__in=ids)


def is_committee_officer(user: AnyUser, committee: Committee) -> bool:
    """Whether this person chairs or clerks the committee."""
    return officer_committees(user).filter(pk=committee.pk).exists()


def visible_meetings(user: AnyUser) -> QuerySet[Meeting]:
    """Meetings this person may open: published ones of their committees, and all they run."""
    partner = partner_committees(user).values("id")
    officer = officer_committees(user).values("id")
    return Meeting.objects.filter(
        Q(committee__in=officer) | (Q(committee__in=partner) & ~Q(status=Meeting.Status.DRAFT))
    )


def granted_item_ids(user: AnyUser) -> QuerySet:
    """Ids of restricted items granted to this person or one of their agencies.

    Guardian's direct foreign-key permission tables are read with global permissions switched
    off: a model-level "view" permission must never open every restricted item.
    """
    if not user.is_authenticated or not user.is_active:
        return AgendaItem.objects.none().values("id")
    return get_objects_for_user(
        user,
        VIEW_ITEM,
        klass=AgendaItem.objects.filter(restricted=True),
        accept_global_perms=False,
        with_superuser=False,
    ).values("id")


def visible_agenda_items(user: AnyUser) -> QuerySet[AgendaItem]:
    """Agenda items whose content (title, papers, questions, minute) this person may see."""
    if not user.is_authenticated or not user.is_active:
        return AgendaItem.objects.none()
    meetings = visible_meetings(user).values("id")
    if user.is_superuser:
        return AgendaItem.objects.filter(meeting__in=meetings)
    officer = officer_committees(user).values("id")
    return AgendaItem.objects.filter(meeting__in=meetings).filter(
        Q(restricted=False) | Q(meeting__committee__in=officer) | Q(id__in=granted_item_ids(user))
    )


def access_meeting(user: AnyUser, pk: int) -> Meeting:
    """Fetch a meeting the person may see, or 404: ids from URLs go through here."""
    meetings = visible_meetings(user).select_related("committee", "committee__host")
    return get_object_or_404(meetings, pk=pk)


def access_item(user: AnyUser, pk: int) -> AgendaItem:
    """Fetch an agenda item whose content the person may see, or 404."""
    items = visible_agenda_items(user).select_related("meeting", "meeting__committee")
    return get_object_or_404(items, pk=pk)


def visible_actions(user: AnyUser) -> QuerySet:
    """Actions this person may see: those of their committees and those their agencies own or
    co-own (an agency outside the committee still sees what it was asked to do), except
    actions of restricted items they may not see (an action follows its item's access)."""
    from actions.models import Action

    if not user.is_authenticated or not user.is_active:
        return Action.objects.none()
    agencies = user.memberships.values("agency_id")
    co_owned = Action.co_agencies.through.objects.filter(agency__in=agencies).values("action_id")
    actions = Action.objects.filter(
        Q(committee__in=partner_committees(user).values("id"))
        | Q(owning_agency__in=agencies)
        | Q(pk__in=co_owned)
    )
    if user.is_superuser:
        return actions
    return actions.filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__in=visible_agenda_items(user).values("id"))
    )


def access_action(user: AnyUser, pk: int) -> Action:
    """Fetch an action the person may see, or 404."""
    return get_object_or_404(
        visible_actions(user).select_related("committee", "owning_agency", "owner"), pk=pk
    )
