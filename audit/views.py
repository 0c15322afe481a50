"""The audit log page: who read which restricted content, for those who may ask."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meetings import access
from meetings.models import Committee

from . import selectors
from .forms import LogFilterForm

PAGE_SIZE = 50


def _item_id(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise Http404("Not an id.") from None


@require_safe
def log(request: HttpRequest) -> HttpResponse:
    """Reads of restricted content: a committee's for its chairs and secretariat, an agency's
    people's for its leads and managers, everything for administrators."""
    user = request.user
    if not selectors.may_see_log(user):
        raise PermissionDenied
    committees = Committee.objects.all() if user.is_superuser else selectors.log_committees(user)
    form = LogFilterForm(
        request.GET or None,
        committees=committees.order_by("name"),
        agencies=selectors.filter_agencies(user),
    )
    reads = selectors.visible_reads(user)
    item = None
    item_id = _item_id(request.GET.get("item"))
    if item_id is not None:
        # An item's id from the query string goes through the access rule like any other.
        item = access.access_item(user, item_id)
        reads = reads.filter(item=item)
    status = 200
    if form.is_bound and not form.is_valid():
        status, reads = 400, reads.none()
    elif form.is_bound:
        if form.cleaned_data["committee"]:
            reads = reads.filter(committee=form.cleaned_data["committee"])
        if form.cleaned_data["agency"]:
            reads = selectors.reads_by_agency(reads, form.cleaned_data["agency"])
    page = Paginator(
        reads.select_related("reader").order_by("-read_at", "-id"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "item": item,
        "page": page,
        "lines": selectors.log_lines(user, list(page)),
        "query": query.urlencode(),
    }
    return render(request, "audit/log.html", context, status=status)
