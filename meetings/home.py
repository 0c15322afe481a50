"""The signed-in person's home page: their agencies, roles and committees.

It lives above agencies/ because it lists committees through the access rule.
"""

from django.http import HttpResponse
from django.shortcuts import render

from agencies.http import SignedInRequest
from agencies.selectors import user_memberships

from .access import officer_committees, partner_committees


def home(request: SignedInRequest) -> HttpResponse:
    """The signed-in person's agencies, roles and committees."""
    context = {
        "memberships": user_memberships(user=request.user),
        "committees": partner_committees(request.user).select_related("host"),
        "officer_of": set(officer_committees(request.user).values_list("id", flat=True)),
    }
    return render(request, "meetings/home.html", context)
