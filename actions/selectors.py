"""Reads for actions, always through actions.visibility.visible_actions."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from agencies.models import Membership, User

from .models import Action

# For the revoke-grant confirmation: which outstanding actions lose their owners' sight.
from .ownership import actions_affected_by_revoke as actions_affected_by_revoke
from .visibility import visible_actions

LIST_RELATED = ("committee", "meeting", "agenda_item", "owning_agency", "owner")


def register(user: User) -> QuerySet[Action]:
    """Every action this person may see, ready for a list page."""
    return visible_actions(user).select_related(*LIST_RELATED).prefetch_related("co_agencies")


def my_actions(user: User) -> QuerySet[Action]:
    """Actions assigned to this person."""
    return register(user).filter(owner=user)


def agency_actions(user: User) -> QuerySet[Action]:
    """Actions owned by this person's agencies, unassigned first (leads assign them)."""
    agencies = Membership.objects.filter(user=user).values("agency_id")
    return (
        register(user)
        .filter(owning_agency__in=agencies)
        .annotate(
            unassigned=Case(
                When(owner__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("unassigned", "due_date", "id")
    )


def overdue_q() -> Q:
    """Outstanding and past the due date (London date): what "overdue" means everywhere."""
    return Q(status__in=Action.OUTSTANDING, due_date__lt=timezone.localdate())


def unassigned_q() -> Q:
    """Outstanding with nobody assigned (the lead, or a manager, assigns them)."""
    return Q(status__in=Action.OUTSTANDING, owner__isnull=True)


def overdue(queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Outstanding actions whose due date has passed (London date)."""
    return queryset.filter(overdue_q())


def page_by_ids(rows: QuerySet[Action], number: str | int | None, per_page: int) -> Page[Action]:
    """A page of rows whose ids are chosen first and only then joined and prefetched.

    The access rule's subqueries hide the row count from PostgreSQL's planner, which then joins
    every visible row before sorting; choosing 50 ids on the bare table first avoids that. The
    ids come through `rows` (the access rule), so the rows are then fetched by id alone.
    """
    # A page of ids, whose object list is then swapped for the actions themselves.
    page: Page[Any] = Paginator(rows.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    by_id = (
        Action.objects.select_related(*LIST_RELATED).prefetch_related("co_agencies").in_bulk(ids)
    )
    # An action deleted between the two reads drops out of the page rather than failing it.
    page.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return page
