"""The log of reads of restricted content as each person may see it: the page at /audit/.

audit records reads and imports no app, so who may see which reads (the access rule's answer)
is asked here, above it, and handed to audit's selectors. The committee's chairs and secretariat
(and superusers) see every read of their committee's restricted items; an agency's leads and
managers see the reads made by their agency's people. A lead may not be allowed to see the item
itself: the log then names it by its placeholder ("Restricted item 3"), and by nothing at all
when the lead may not even see its meeting.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from agencies.http import SignedInRequest
from agencies.models import Agency, Membership, User
from agencies.selectors import managed_agencies
from audit import selectors as log
from audit.forms import LogFilterForm
from audit.models import RestrictedRead
from audit.shown import mark

from . import access, disclosure_log
from .models import AgendaItem, Committee
from .selectors import number_rows

PAGE_SIZE = 50


def may_see_log(user: User) -> bool:
    """Whether this person has any audit log to look at."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or access.officer_committees(user).exists()
        or managed_agencies(user).exists()
    )


def log_committees(user: User) -> QuerySet[Committee]:
    """Committees whose whole log this person sees: those they chair or clerk."""
    return access.officer_committees(user)


def log_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose people's reads this person sees: those they lead or manage."""
    return managed_agencies(user)


def visible_reads(user: User) -> QuerySet[RestrictedRead]:
    """The reads this person may see in the log."""
    if not user.is_authenticated or not user.is_active:
        return RestrictedRead.objects.none()
    if user.is_superuser:
        return RestrictedRead.objects.all()
    readers = Membership.objects.filter(agency__in=log_agencies(user).values("id"))
    return log.reads_seen(
        committees=log_committees(user).values("id"), readers=readers.values("user_id")
    )


def filter_agencies(user: User) -> QuerySet[Agency]:
    """Agencies this person may narrow the log to: those they lead or manage, and the agencies
    of the committees they chair or clerk (every agency for administrators)."""
    if user.is_superuser:
        return Agency.objects.order_by("name")
    committees = log_committees(user)
    return (
        Agency.objects.filter(
            Q(id__in=log_agencies(user).values("id"))
            | Q(hosted_committees__in=committees)
            | Q(committees__in=committees)
        )
        .distinct()
        .order_by("name")
    )


def reads_by_agency(reads: QuerySet[RestrictedRead], agency: Agency) -> QuerySet[RestrictedRead]:
    """Of these reads, those made by people of one agency."""
    return log.reads_by(reads, Membership.objects.filter(agency=agency).values("user_id"))


def log_lines(user: User, reads: list[RestrictedRead]) -> list[log.LogLine]:
    """Label a page of reads for this viewer in a fixed number of queries: the item's title
    only when the viewer may see the item, else its placeholder, else nothing of it."""
    item_ids = {r.item_id for r in reads if r.item_id}
    meeting_ids = {r.meeting_id for r in reads if r.meeting_id}
    titles = dict(
        access.visible_agenda_items(user).filter(pk__in=item_ids).values_list("pk", "title")
    )
    meetings = dict(
        access.visible_meetings(user)
        .filter(pk__in=meeting_ids)
        .order_by()
        .values_list("pk", "title")
    )
    structure: dict[int, list[AgendaItem]] = {}
    for item in AgendaItem.objects.filter(meeting_id__in=meetings).only(
        "id", "meeting_id", "parent_id", "position", "kind"
    ):
        structure.setdefault(item.meeting_id, []).append(item)
    numbers = {
        item.pk: number for items in structure.values() for item, number, _ in number_rows(items)
    }
    return log.log_lines(reads, titles=titles, meetings=meetings, numbers=numbers)


@require_safe
def log_page(request: SignedInRequest) -> HttpResponse:
    """Reads of restricted content: a committee's for its chairs and secretariat, an agency's
    people's for its leads and managers, everything for administrators."""
    user = request.user
    if not may_see_log(user):
        raise PermissionDenied
    committees = Committee.objects.all() if user.is_superuser else log_committees(user)
    form = LogFilterForm(
        request.GET or None,
        committees=committees.order_by("name"),
        agencies=filter_agencies(user),
    )
    reads = visible_reads(user)
    item = None
    status = 200
    if form.is_bound and not form.is_valid():
        status, reads = 400, reads.none()
    elif form.is_bound:
        if form.cleaned_data["item"] is not None:
            # An item's id from the query string goes through the access rule like any other.
            item = access.access_item(user, form.cleaned_data["item"])
            reads = reads.filter(item=item)
        if form.cleaned_data["committee"]:
            reads = reads.filter(committee=form.cleaned_data["committee"])
        if form.cleaned_data["agency"]:
            reads = reads_by_agency(reads, form.cleaned_data["agency"])
    page = Paginator(
        reads.select_related("reader").order_by("-read_at", "-id"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    lines = log_lines(user, list(page))
    # Reading the log is not itself logged, but the titles it names are restricted content:
    # the page is marked OFFICIAL-SENSITIVE when it names one.
    mark({line.read.committee_id for line in lines if line.item_id is not None})
    if item is not None and item.restricted:
        mark([item.meeting.committee_id])
    context = {
        "form": form,
        "item": item,
        "page": page,
        "lines": lines,
        "query": query.urlencode(),
        "disclosures": disclosure_log.may_read(user),
    }
    return render(request, "audit/log.html", context, status=status)
