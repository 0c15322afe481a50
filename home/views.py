"""The home page: the signed-in person's work queue, agencies and committees."""

from django.http import HttpResponse
from django.shortcuts import render

from agencies.http import SignedInRequest
from agencies.selectors import user_memberships
from meetings.access import officer_committees, partner_committees

from .queue import home_queue


def home(request: SignedInRequest) -> HttpResponse:
    """What waits for the signed-in person, then their agencies, roles and committees."""
    context = {
        "queue": home_queue(request.user),
        "memberships": user_memberships(user=request.user),
        "committees": partner_committees(request.user).select_related("host"),
        "officer_of": set(officer_committees(request.user).values_list("id", flat=True)),
    }
    return render(request, "home/home.html", context)
