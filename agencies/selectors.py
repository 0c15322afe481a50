"""Reads for agencies and people."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from .models import Agency, Membership, User

MANAGING_ROLES = (Membership.Role.MANAGER, Membership.Role.LEAD)


def agency_list() -> QuerySet[Agency]:
    """Every agency with its parent and number of people, for the directory."""
    return Agency.objects.select_related("parent").annotate(people=Count("memberships"))


def agency_with_people(*, short_name: str) -> QuerySet[Agency]:
    """One agency (as a queryset, for get_object_or_404) with its people and units loaded."""
    memberships = Membership.objects.select_related("user").order_by("role", "user__full_name")
    return Agency.objects.filter(short_name=short_name).prefetch_related(
        Prefetch("memberships", queryset=memberships),
        "units",
    )


def user_memberships(*, user: User) -> QuerySet[Membership]:
    """A person's agencies and roles."""
    return Membership.objects.filter(user=user).select_related("agency").order_by("agency__name")


def agency_match(*, name: str) -> Agency | None:
    """Find an agency by its name, short name or one of its aliases, ignoring case."""
    wanted = name.strip().casefold()
    for agency in Agency.objects.only("id", "name", "short_name", "aliases"):
        names = [agency.name, agency.short_name, *agency.aliases]
        if wanted in (n.casefold() for n in names):
            return agency
    return None


def managed_agencies(user: User) -> QuerySet[Agency]:
    """Agencies in which this person is a manager or the lead."""
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.filter(
        memberships__user=user, memberships__role__in=MANAGING_ROLES
    ).order_by("name")
