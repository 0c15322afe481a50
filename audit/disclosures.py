"""Writes and reads of the disclosure log (issue 16, section 3).

Each route passes through one place: pages, PDFs, CSVs, file downloads and the API through the
log of reads (audit.shown notes what `record_reads` recorded; audit.middleware writes it here once
the response is made, with the route read off the response); emails where they are sent (the
chasing outbox and agenda notices call `record_disclosures` after a successful send).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .models import Disclosure
from .services import Reader
from .shown import Disclosed

Route = Disclosure.Route
# The product, as the sender of its own emails.
PRODUCT = "Partnership meetings (sent automatically)"


def route_of(path: str, content_type: str) -> str:
    """The route of a response: the API by its path, else by what it is."""
    if path.startswith(tuple(settings.JSON_URL_PREFIXES)):
        return Route.API
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/pdf":
        return Route.PDF
    if kind == "text/csv":
        return Route.CSV
    if kind == "text/html":
        return Route.PAGE
    return Route.FILE


def record_disclosures(
    *,
    by: Reader | None,
    to: Reader,
    to_email: str,
    disclosed: Iterable[Disclosed],
    route: str,
    surface: str,
) -> int:
    """Log that `by` (None: the product) disclosed these objects to `to`, in one insert.
    Each object once per call; returns the number of rows written."""
    unique = {(d.kind, d.object_id): d for d in disclosed}
    by_name = by.full_name if by is not None else PRODUCT
    rows = [
        Disclosure(
            by_id=by.pk if by is not None else None,
            by_name=by_name[:150],
            to_id=to.pk,
            to_name=to.full_name[:150],
            to_email=to_email[:254],
            kind=d.kind,
            object_id=d.object_id,
            label=d.label[:300],
            version=d.version[:50],
            item_id=d.item_id or None,
            meeting_id=d.meeting_id,
            committee_id=d.committee_id,
            route=route,
            surface=surface[:100],
        )
        for d in unique.values()
    ]
    Disclosure.objects.bulk_create(rows)
    return len(rows)


def disclosures_between(
    start: datetime.date, end: datetime.date, committees: QuerySet | None
) -> QuerySet[Disclosure]:
    """Disclosures from the start of `start` to the end of `end` (local days), of these
    committees (ids; None for all), newest first."""
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    after = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    rows = Disclosure.objects.filter(disclosed_at__gte=first, disclosed_at__lt=after)
    if committees is not None:
        rows = rows.filter(committee__in=committees)
    return rows.order_by("-disclosed_at", "-id")


def purge_disclosures(now: datetime.datetime | None = None) -> int:
    """Delete disclosures older than DISCLOSURE_KEEP_DAYS; returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.DISCLOSURE_KEEP_DAYS)
    deleted, _ = Disclosure.objects.filter(disclosed_at__lt=cutoff).delete()
    return deleted
