"""The access rule of DESIGN.md section 3, in one place.

Every read of a committee's content goes through here. A committee's partners are its chairs,
its secretariat and the people of its host and member agencies. Restricted objects are filtered
with django-guardian object permissions given to agency groups or single users; model-level
(global) permissions never count.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from agencies.models import User

from .models import Committee

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
