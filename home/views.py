"""The home page: the signed-in person's work queue, agencies and committees."""

from django.http import HttpResponse
from django.shortcuts import render

from agencies.http import SignedInRequest
from agencies.selectors import user_memberships
from audit.services import record_reads

from .queue import home_queue


def home(request: SignedInRequest) -> HttpResponse:
    """What waits for the signed-in person, then their agencies, roles and committees."""
    queue = home_queue(request.user)
    # The action lists show descriptions: a restricted one shown here is a read like any other.
    shown = [*queue.my_actions.rows, *queue.agency_actions.rows, *queue.to_assign.rows]
    record_reads(request.user, shown, "home")
    context = {
        "queue": queue,
        "memberships": user_memberships(user=request.user),
    }
    return render(request, "home/home.html", context)
