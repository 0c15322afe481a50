"""The access rule of DESIGN.md section 3, in one place.

Every read of a committee's content goes through here. A committee's partners are its chairs,
its secretariat and the people of its host and member agencies. Restricted objects are filtered
with django-guardian object permissions given to agency groups or single users; model-level
(global) permissions never count.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, Permission
from django.db.models import Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from agencies.models import User

from .models import (
    AgendaItem,
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
    Committee,
    Meeting,
)

VIEW_ITEM = "meetings.view_agendaitem"

if TYPE_CHECKING:
    from actions.models import Action

AnyUser = User | AnonymousUser


_memo: ContextVar[dict | None] = ContextVar("access_memo", default=None)


@contextmanager
def request_memo() -> Iterator[None]:
    """Within one request, read each person's small id sets once (see AccessMemoMiddleware).

    Outside a request (services in tests, tasks, commands) nothing is remembered, so a change
    made a moment ago always counts.
    """
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _ids(user: User, key: str, query: QuerySet) -> QuerySet | list[int]:
    """The ids `query` selects: as a literal list when a request memo is active (cheap to
    build and to plan in every later query), else as the subquery itself."""
    memo = _memo.get()
    if memo is None:
        return query
    if (user.pk, key) not in memo:
        memo[user.pk, key] = list(query)
    return memo[user.pk, key]


def forget(user: AnyUser) -> None:
    """Drop what this request remembered about this person (after changing their roles)."""
    memo = _memo.get()
    if memo is not None:
        for key in [k for k in memo if k[0] == user.pk]:
            del memo[key]


def agency_ids(user: User) -> QuerySet | list[int]:
    """Ids of the agencies this person belongs to."""
    return _ids(user, "agencies", user.memberships.values_list("agency_id", flat=True))


def _partner_ids(user: User) -> QuerySet | list[int]:
    agencies = user.memberships.values("agency_id")
    query = Committee.objects.filter(
        Q(chairs=user)
        | Q(secretariat=user)
        | Q(host__in=agencies)
        | Q(member_agencies__in=agencies)
    )
    return _ids(user, "partner", query.order_by().values_list("id", flat=True).distinct())


def _officer_ids(user: User) -> QuerySet | list[int]:
    query = Committee.objects.filter(Q(chairs=user) | Q(secretariat=user))
    return _ids(user, "officer", query.order_by().values_list("id", flat=True).distinct())


def partner_committees(user: AnyUser) -> QuerySet[Committee]:
    """Committees whose (unrestricted) content this person may see."""
    if not user.is_authenticated or not user.is_active:
        return Committee.objects.none()
    if user.is_superuser:
        return Committee.objects.all()
    return Committee.objects.filter(id__in=_partner_ids(user))


def officer_committees(user: AnyUser) -> QuerySet[Committee]:
    """Committees this person chairs or clerks: they see and run everything of them."""
    if not user.is_authenticated or not user.is_active:
        return Committee.objects.none()
    if user.is_superuser:
        return Committee.objects.all()
    return Committee.objects.filter(id__in=_officer_ids(user))


def is_committee_officer(user: AnyUser, committee: Committee) -> bool:
    """Whether this person chairs or clerks the committee."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    ids = _officer_ids(user)
    if isinstance(ids, list):
        return committee.pk in ids
    return ids.filter(id=committee.pk).exists()


def visible_meetings(user: AnyUser) -> QuerySet[Meeting]:
    """Meetings this person may open: published ones of their committees, and all they run."""
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    if user.is_superuser:
        return Meeting.objects.all()
    return Meeting.objects.filter(
        Q(committee__in=_officer_ids(user))
        | (Q(committee__in=_partner_ids(user)) & ~Q(status=Meeting.Status.DRAFT))
    )


def granted_q(user: User, field: str = "pk") -> Q:
    """Rows whose agenda item (`field`) is granted to this person or one of their agencies.

    Reads guardian's direct foreign-key permission tables (the rows `assign_perm` writes) by
    item id, so no global permission ever counts and the 60,000 items are never scanned: only
    the grants of this person and their agency groups are.
    """
    # One id, looked up once per query (an InitPlan), so the grant tables are read by index.
    view = Permission.objects.filter(
        codename="view_agendaitem",
        content_type__app_label="meetings",
        content_type__model="agendaitem",
    ).values("id")[:1]
    own = AgendaItemUserObjectPermission.objects.filter(user=user, permission=Subquery(view))
    agencies = AgendaItemGroupObjectPermission.objects.filter(
        group__user=user, permission=Subquery(view)
    )
    return Q(**{f"{field}__in": own.values("content_object_id")}) | Q(
        **{f"{field}__in": agencies.values("content_object_id")}
    )


def granted_item_ids(user: AnyUser) -> QuerySet:
    """Ids of restricted items granted to this person or one of their agencies."""
    if not user.is_authenticated or not user.is_active:
        return AgendaItem.objects.none().values("id")
    return AgendaItem.objects.filter(granted_q(user), restricted=True).values("id")


def visible_agenda_items(user: AnyUser) -> QuerySet[AgendaItem]:
    """Agenda items whose content (title, papers, questions, minute) this person may see."""
    if not user.is_authenticated or not user.is_active:
        return AgendaItem.objects.none()
    meetings = visible_meetings(user).values("id")
    if user.is_superuser:
        return AgendaItem.objects.filter(meeting__in=meetings)
    return AgendaItem.objects.filter(meeting__in=meetings).filter(
        Q(restricted=False) | Q(meeting__committee__in=_officer_ids(user)) | granted_q(user)
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
    actions of restricted items they may not see (an action follows its item's access) and
    those of draft meetings they do not run."""
    from actions.models import Action

    if not user.is_authenticated or not user.is_active:
        return Action.objects.none()
    agencies = agency_ids(user)
    co_owned = Action.co_agencies.through.objects.filter(agency__in=agencies).values("action_id")
    if user.is_superuser:
        return Action.objects.all()
    actions = Action.objects.filter(
        Q(committee__in=_partner_ids(user)) | Q(owning_agency__in=agencies) | Q(pk__in=co_owned)
    )
    officer = Q(committee__in=_officer_ids(user))
    # Action.restricted mirrors its item's flag, so most rows pass on a column and only the
    # restricted ones are checked against the (small) set of restricted items granted.
    # Draft meetings are few: testing ids against them avoids joining every action's meeting.
    drafts = Meeting.objects.filter(status=Meeting.Status.DRAFT).values("id")
    return actions.filter(
        Q(meeting__isnull=True) | ~Q(meeting__in=drafts) | officer,
        Q(restricted=False) | officer | granted_q(user, "agenda_item"),
    )


def access_action(user: AnyUser, pk: int) -> Action:
    """Fetch an action the person may see, or 404."""
    return get_object_or_404(
        visible_actions(user).select_related("committee", "owning_agency", "owner"), pk=pk
    )
