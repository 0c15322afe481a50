"""The disclosure log as each person may read it: the page at /audit/disclosures/ and its CSV.

audit records disclosures and imports no app; who may read which is asked here, above it. A
committee's chairs read their committees' disclosures; a records officer (a flag on the person,
set in the admin) and administrators read them all. Nobody changes or deletes a row through the
product: the page and the CSV only read, the admin is read-only, and old rows go only by the
daily purge after DISCLOSURE_KEEP_DAYS.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from agencies.http import SignedInRequest
from agencies.models import User
from audit.disclosures import disclosures_between
from core.csv import FormulaSafeCSV
from core.forms import form_helper
from core.periods import PeriodForm

from .marking import current_marking
from .models import Committee

PAGE_SIZE = 50
CSV_COLUMNS = ["When", "Route", "Disclosed by", "To", "To email", "Committee", "What", "Kind",
               "Object id", "Version", "Where"]  # fmt: skip


class DisclosureRangeForm(PeriodForm):
    """The period of the log to read (both days included)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        helper = form_helper("start", "end", submit="Show")
        helper.form_method = "get"
        self.helper = helper

    @staticmethod
    def default_period(today: date) -> dict:
        """The last thirty days."""
        return {"start": today - timedelta(days=30), "end": today}


def reads_everything(user: User) -> bool:
    """Whether this person reads the whole log (a records officer or an administrator)."""
    return user.is_active and (user.is_superuser or user.is_records_officer)


def chaired(user: User) -> QuerySet[Committee]:
    """The committees this person chairs."""
    return Committee.objects.filter(chairs=user)


def may_read(user: User) -> bool:
    """Whether this person reads some of the disclosure log."""
    return user.is_authenticated and (reads_everything(user) or chaired(user).exists())


def readable(user: User) -> QuerySet | None:
    """Which committees' disclosures this person reads (ids; None for all), or 403."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if reads_everything(user):
        return None
    committees = chaired(user)
    if not committees.exists():
        raise PermissionDenied
    return committees.values("id")


def _form(request: SignedInRequest) -> DisclosureRangeForm:
    if "start" in request.GET or "end" in request.GET:
        return DisclosureRangeForm(request.GET)
    return DisclosureRangeForm(DisclosureRangeForm.default_period(timezone.localdate()))


@require_safe
@never_cache
def disclosure_page(request: SignedInRequest) -> HttpResponse:
    """Disclosures of restricted content over a period, newest first, with a CSV export."""
    committees = readable(request.user)
    form = _form(request)
    if not form.is_valid():
        return render(request, "audit/disclosures.html", {"form": form}, status=400)
    rows = disclosures_between(form.cleaned_data["start"], form.cleaned_data["end"], committees)
    page = Paginator(rows.select_related("committee"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    period = {k: form.cleaned_data[k].isoformat() for k in ("start", "end")}
    context = {"form": form, "page": page, "query": query.urlencode(), "period": period}
    return render(request, "audit/disclosures.html", context)


@require_safe
@never_cache
def disclosure_csv(request: SignedInRequest) -> HttpResponse:
    """The same period of the log as CSV."""
    committees = readable(request.user)
    form = _form(request)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    name = f"disclosures-{start:%Y%m%d}-{end:%Y%m%d}.csv"
    response = FormulaSafeCSV(name, CSV_COLUMNS, marking=current_marking())
    rows = disclosures_between(start, end, committees).select_related("committee")
    for row in rows.iterator(chunk_size=500):
        response.writerow(
            [
                timezone.localtime(row.disclosed_at).isoformat(timespec="seconds"),
                row.get_route_display(),
                row.by_name,
                row.to_name,
                row.to_email,
                row.committee.name,
                row.label,
                row.get_kind_display(),
                row.object_id,
                row.version,
                row.surface,
            ]
        )
    return response
