"""The access rule of DESIGN.md section 3, in one place.

Every read of a committee's content goes through here. A committee's partners are its chairs,
its secretariat and the people of its host and member agencies. Restricted objects are filtered
with django-guardian object permissions given to agency groups or single users; model-level
(global) permissions never count.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.lookups import IsNull
from django.http import Http404
from django.shortcuts import get_object_or_404

from agencies.models import Membership, User
from core.request_memo import forget as forget_person
from core.request_memo import memo_active, remembered, remembered_once

from .models import (
    AgendaItem,
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
    AgendaVersion,
    Committee,
    Meeting,
)

VIEW_ITEM = "meetings.view_agendaitem"

AnyUser = User | AnonymousUser


def _ids(user: User, key: str, make: Callable[[], QuerySet]) -> QuerySet | list[int]:
    """The ids `make()` selects: a literal list while a request memo is active (cheap to build
    and to plan in every later query), else the subquery itself."""
    return remembered(user.pk, key, make)


def among(field: str, ids: QuerySet | list[int]) -> Q:
    """`field` is one of `ids`: IN (subquery) for a subquery, one array parameter for a
    remembered list (core/lookups.py), whose hundreds of ids Django would otherwise prepare and
    psycopg parse one placeholder at a time in every query of the page."""
    if not isinstance(ids, list):
        return Q(**{f"{field}__in": ids})
    # Not a list: Django walks a list's every element looking for expressions (90 us for 300).
    return Q(**{f"{field}__any": frozenset(ids)})


def forget(user: AnyUser) -> None:
    """Drop what this request remembered about this person (after changing their roles)."""
    forget_person(user.pk)


def agency_ids(user: User) -> QuerySet | list[int]:
    """Ids of the agencies this person belongs to."""
    return _ids(user, "agencies", lambda: user.memberships.values_list("agency_id", flat=True))


def _committee_querysets(user: User) -> tuple[QuerySet, QuerySet]:
    """(partner, officer) committee ids as subqueries."""
    officer_q = Q(chairs=user) | Q(secretariat=user)
    agencies = user.memberships.values("agency_id")
    partner = (
        Committee.objects.filter(officer_q | Q(host__in=agencies) | Q(member_agencies__in=agencies))
        .order_by()
        .values_list("id", flat=True)
        .distinct()
    )
    officer = Committee.objects.filter(officer_q).order_by().values_list("id", flat=True)
    return partner, officer


def _committee_links(user: User, agencies: QuerySet | list[int]) -> QuerySet:
    """(committee id, runs it) for each way this person belongs to a committee: as its chair or
    secretariat (runs it), or through an agency of theirs that hosts it or sits on it."""
    officer, partner = Value(True), Value(False)
    chairs = Committee.chairs.through.objects.filter(user_id=user.pk)
    clerks = Committee.secretariat.through.objects.filter(user_id=user.pk)
    hosts = Committee.objects.filter(host_id__in=agencies)
    members = Committee.member_agencies.through.objects.filter(agency_id__in=agencies)
    return chairs.values_list("committee_id", officer).union(
        clerks.values_list("committee_id", officer),
        hosts.order_by().values_list("id", partner),
        members.values_list("committee_id", partner),
        all=True,
    )


def _committee_ids(user: User) -> tuple[QuerySet | list[int], QuerySet | list[int]]:
    """(partner, officer) committee ids; in a request both come from one query, once."""
    if not memo_active():
        partner, officer = _committee_querysets(user)
        return partner, officer.distinct()

    def both() -> tuple[list[int], list[int]]:
        # Built only on the request's first call: the access checks of one page ask for these
        # a dozen times, and building the querysets each time cost more than the query. Four
        # index lookups in one UNION ALL: the same answer as the joins of _committee_querysets,
        # which PostgreSQL took longer to plan than to run.
        rows = set(_committee_links(user, agency_ids(user)))
        return sorted({pk for pk, _ in rows}), sorted({pk for pk, officer in rows if officer})

    partner_ids, officer_ids = remembered(user.pk, "committees", both)
    return partner_ids, officer_ids


def partner_committee_ids(user: User) -> QuerySet | list[int]:
    """Ids of the committees this person is a partner of (as partner_committees)."""
    return _committee_ids(user)[0]


def officer_committee_ids(user: User) -> QuerySet | list[int]:
    """Ids of the committees this person runs: chairs or secretariat."""
    return _committee_ids(user)[1]


def partner_committees(user: AnyUser) -> QuerySet[Committee]:
    """Committees whose (unrestricted) content this person may see."""
    if not user.is_authenticated or not user.is_active:
        return Committee.objects.none()
    if user.is_superuser:
        return Committee.objects.all()
    return Committee.objects.filter(among("id", partner_committee_ids(user)))


def officer_committees(user: AnyUser) -> QuerySet[Committee]:
    """Committees this person chairs or clerks: they see and run everything of them."""
    if not user.is_authenticated or not user.is_active:
        return Committee.objects.none()
    if user.is_superuser:
        return Committee.objects.all()
    return Committee.objects.filter(among("id", officer_committee_ids(user)))


def is_committee_officer(user: AnyUser, committee: Committee) -> bool:
    """Whether this person chairs or clerks the committee."""
    return _officer_of(user, committee.pk)


def _officer_of(user: AnyUser, committee_id: int) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return committee_id in officer_committee_ids(user)


def visible_meetings(user: AnyUser) -> QuerySet[Meeting]:
    """Meetings this person may open: published ones of their committees, and all they run."""
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    if user.is_superuser:
        return Meeting.objects.all()
    return Meeting.objects.filter(
        among("committee", officer_committee_ids(user))
        | (among("committee", partner_committee_ids(user)) & ~Q(status=Meeting.Status.DRAFT))
    )


def granted_q(user: User, field: str = "pk") -> Q:
    """Rows whose agenda item (`field`) is granted to this person or one of their agencies.

    Reads guardian's direct foreign-key permission tables (the rows `assign_perm` writes) by
    item id, so no global permission ever counts and the 60,000 items are never scanned: only
    the grants of this person and their agency groups are.
    """
    own, agencies = _grants(user)
    return Q(**{f"{field}__in": own.values("content_object_id")}) | Q(
        **{f"{field}__in": agencies.values("content_object_id")}
    )


def granted_each_q(user: User, field: str = "pk") -> Q:
    """granted_q for a few rows (one meeting's items, a list's first ten actions): each
    restricted row's grants looked up by its item id (`field`). granted_q reads all of the
    person's grants first, which suits a scan of many rows; for a meeting's agenda, hashing the
    Met's 20,000 grants was most of the query."""
    own, agencies = _grants(user)
    return Q(_has_row(own, field)) | Q(_has_row(agencies, field))


def _has_row(grants: QuerySet, field: str) -> IsNull:
    """Whether a grant names this row's item: a scalar subquery, which PostgreSQL runs row by
    row. An EXISTS it may hash over every grant when it expects many rows, even under a LIMIT
    of ten (the home page's action lists)."""
    first = grants.filter(content_object_id=OuterRef(field)).values("pk")[:1]
    return IsNull(Subquery(first), False)


def _grants(user: User) -> tuple[QuerySet, QuerySet]:
    """This person's own "view agenda item" grants, and their agency groups'."""
    view, groups = _grant_keys(user)
    own = AgendaItemUserObjectPermission.objects.filter(user_id=user.pk, permission=view)
    agencies = AgendaItemGroupObjectPermission.objects.filter(
        among("group_id", groups), permission=view
    )
    return own, agencies


def _grant_keys(user: User) -> tuple[Any, QuerySet | list[int]]:
    """The "view agenda item" permission's id and this person's group ids, as subqueries; in a
    request, read once together (a page asks for grants in several queries, and building
    these subqueries into each cost more than reading them). The id is an int or a subquery:
    the stubs type the lookup for one at a time, Django takes both."""
    view = Permission.objects.filter(
        codename="view_agendaitem",
        content_type__app_label="meetings",
        content_type__model="agendaitem",
    )
    groups = User.groups.through.objects.filter(user_id=user.pk)
    if not memo_active():
        return Subquery(view.order_by().values_list("id", flat=True)[:1]), groups.values("group_id")
    rows = remembered(
        user.pk,
        "grant_keys",
        lambda: (
            view.order_by()
            .values_list(Value(True), "id")
            .union(groups.values_list(Value(False), "group_id"), all=True)
        ),
    )
    permission = next((pk for is_permission, pk in rows if is_permission), 0)
    return permission, [pk for is_permission, pk in rows if not is_permission]


def granted_item_ids(user: AnyUser) -> QuerySet:
    """Ids of restricted items granted to this person or one of their agencies."""
    if not user.is_authenticated or not user.is_active:
        return AgendaItem.objects.none().values("id")
    return AgendaItem.objects.filter(granted_q(user), restricted=True).values("id")


def visible_agenda_items(
    user: AnyUser, meetings: QuerySet[Meeting] | None = None
) -> QuerySet[AgendaItem]:
    """Agenda items whose content (title, papers, questions, minute) this person may see; of
    `meetings` when given, which must be meetings they may see (a query of visible_meetings),
    so that a caller holding them does not build that rule twice into one query."""
    if not user.is_authenticated or not user.is_active:
        return AgendaItem.objects.none()
    of = (visible_meetings(user) if meetings is None else meetings).values("id")
    if user.is_superuser:
        return AgendaItem.objects.filter(meeting__in=of)
    return AgendaItem.objects.filter(meeting__in=of).filter(
        Q(restricted=False)
        | among("meeting__committee", officer_committee_ids(user))
        | granted_q(user)
    )


def snapshot_reader(version: AgendaVersion, user: User) -> Callable[[dict], bool]:
    """Whether this person may see a row of a published version's snapshot.

    The snapshot keeps each restricted item's grants as they were when it was published; an
    item restricted since (or a grant revoked since) is hidden too, so that an old version
    never outlives a newer restriction.
    """
    officer = is_committee_officer(user, version.meeting.committee)
    group_ids = set(user.groups.values_list("id", flat=True))
    restricted_now = AgendaItem.objects.filter(meeting=version.meeting_id, restricted=True)
    hidden = set(
        restricted_now.exclude(id__in=visible_agenda_items(user).values("id")).values_list(
            "id", flat=True
        )
    )

    def may_see(row: dict) -> bool:
        if row["id"] in hidden:
            return False
        if not row["restricted"] or officer or user.is_superuser:
            return True
        return user.id in row["users"] or bool(group_ids & set(row["groups"]))

    return may_see


def can_see_meeting(user: AnyUser, meeting: Meeting) -> bool:
    """Whether this person may open this meeting (as visible_meetings decides)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # `in` reads a list remembered for the request, or the small id set outside one.
    partner, officer = _committee_ids(user)
    return meeting.committee_id in officer or (
        meeting.committee_id in partner and meeting.status != Meeting.Status.DRAFT
    )


def meeting_items(user: AnyUser, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The items of one meeting whose content this person may see: the same answer as
    visible_agenda_items(user).filter(meeting=meeting), decided mostly in Python from the
    request's id sets, so the query is the meeting's items and the grants alone."""
    if not isinstance(user, User) or not can_see_meeting(user, meeting):
        return AgendaItem.objects.none()
    items = AgendaItem.objects.filter(meeting=meeting)
    if _officer_of(user, meeting.committee_id):
        return items
    return items.filter(Q(restricted=False) | granted_each_q(user))


class MeetingViewer:
    """One person at one meeting, decided once and handed to the agenda, the attendance page
    and the minutes: whether they run the meeting, which of its items they may see, and the
    agencies they lead. The meeting must already be one they may see (access_meeting).

    The item ids and lead agencies are read on first use: the agenda of someone who runs the
    meeting needs neither, and only the attendance page asks for the agencies a person leads.
    """

    def __init__(self, user: AnyUser, meeting: Meeting) -> None:
        self.user = user
        self.meeting = meeting
        self.runs_it = user.is_authenticated and is_committee_officer(user, meeting.committee)

    @cached_property
    def item_ids(self) -> frozenset[int]:
        """Ids of the meeting's items whose content this person may see."""
        if not self.user.is_authenticated:
            return frozenset()
        return frozenset(meeting_items(self.user, self.meeting).values_list("id", flat=True))

    @cached_property
    def lead_agency_ids(self) -> frozenset[int]:
        """Ids of the agencies this person leads."""
        if not self.user.is_authenticated:
            return frozenset()
        leads = Membership.objects.filter(user=self.user, role=Membership.Role.LEAD)
        return frozenset(leads.values_list("agency_id", flat=True))

    def items(self) -> QuerySet[AgendaItem]:
        """The meeting's items whose content they may see, as a query: by the ids once they
        have been read, else the rule's own query (the agenda then reads them in one go)."""
        if self.runs_it:  # every item, even one added since the ids were read
            return AgendaItem.objects.filter(meeting=self.meeting)
        if "item_ids" in self.__dict__:
            return AgendaItem.objects.filter(meeting=self.meeting, id__in=self.item_ids)
        return meeting_items(self.user, self.meeting)

    def sees_item(self, item_id: int | None) -> bool:
        """Whether content tied to this item (or to none) is theirs to see."""
        return item_id is None or item_id in self.item_ids


def meeting_viewer(user: AnyUser, meeting: Meeting) -> MeetingViewer:
    """Decide what this person may see and do at this meeting; within a request, once."""
    return remembered_once(
        user.pk, ("meeting_viewer", meeting.pk), lambda: MeetingViewer(user, meeting)
    )


def access_meeting(user: AnyUser, pk: int, *, to_run: bool = False) -> Meeting:
    """Fetch a meeting the person may see, or 404: ids from URLs go through here. With
    `to_run`, the person must also run it (a chair or the secretariat), or 403."""
    # Fetched by id, then decided by the rule (can_see_meeting), in a request or not.
    meeting = Meeting.objects.select_related("committee", "committee__host").filter(pk=pk).first()
    if meeting is None or not can_see_meeting(user, meeting):
        raise Http404("No such meeting.")
    if to_run and not is_committee_officer(user, meeting.committee):
        raise PermissionDenied
    return meeting


def access_item(user: AnyUser, pk: int, *, to_run: bool = False) -> AgendaItem:
    """Fetch an agenda item whose content the person may see, or 404. With `to_run`, the
    person must also run its meeting (a chair or the secretariat), or 403."""
    items = visible_agenda_items(user).select_related("meeting", "meeting__committee")
    item = get_object_or_404(items, pk=pk)
    if to_run and not is_committee_officer(user, item.meeting.committee):
        raise PermissionDenied
    return item
