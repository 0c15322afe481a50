"""A person's calendar feed: a secret address calendar apps read, renewed or switched off."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from agencies.models import User

from ..models import CalendarFeed


def active_feeds(user: User) -> QuerySet[CalendarFeed]:
    """The person's feeds still in use (at most one after any renewal)."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True)


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Give the person a new feed address; any address they had before stops working."""
    active_feeds(user).update(revoked_at=timezone.now())
    return CalendarFeed.objects.create(user=user)


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> int:
    """Switch the person's feed off; returns how many addresses stopped working."""
    return active_feeds(user).update(revoked_at=timezone.now())
