"""The signed-in person's messages: the list, and marking them read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from agencies.http import SignedInRequest
from core.navigation import local_next

from .selectors import messages_for
from .services import message_mark_read, messages_mark_all_read

PAGE_SIZE = 50


def message_list(request: SignedInRequest) -> HttpResponse:
    """The person's messages, newest first, unread marked."""
    page = Paginator(messages_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inbox/list.html", {"page": page, "messages_list": page.object_list})


@require_POST
def message_read(request: SignedInRequest, pk: int) -> HttpResponse:
    """Mark one message read, then follow its link (or come back to the list)."""
    message_mark_read(user=request.user, message_id=pk)
    target = local_next(request, request.POST.get("next"))
    if target:
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(reverse("inbox:list"))


@require_POST
def message_read_all(request: SignedInRequest) -> HttpResponse:
    """Mark all the person's messages read."""
    messages_mark_all_read(user=request.user)
    return HttpResponseRedirect(reverse("inbox:list"))
