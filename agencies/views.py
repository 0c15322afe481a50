"""Pages about agencies and people."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from . import selectors


def agency_list(request: HttpRequest) -> HttpResponse:
    """The directory of agencies in the partnership."""
    return render(request, "agencies/agency_list.html", {"agencies": selectors.agency_list()})


def agency_detail(request: HttpRequest, short_name: str) -> HttpResponse:
    """One agency: its people and their roles, and its units."""
    agency = get_object_or_404(selectors.agency_with_people(short_name=short_name))
    return render(request, "agencies/agency_detail.html", {"agency": agency})
