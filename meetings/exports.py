"""Agenda pack PDF and calendar exports.

Every meeting id from a URL goes through `access.access_meeting`, which 404s for people who may
not see the meeting; what is in an export comes from the agenda as that person may see it.
The calendar feed is the one page read without signing in: its secret token stands in for the
person, and what it shows is worked out for the feed's owner.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from agencies.http import SignedInRequest
from audit.services import record_reads
from core.once import once, submit_once

from . import access, selectors
from .calendar import calendar_for, feed_meetings, feed_rows
from .marking import current_marking
from .models import CalendarFeed, Meeting
from .pack import agenda_pack
from .services.calendar_feeds import active_feeds, calendar_feed_renew, calendar_feed_revoke

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _file_stem(meeting: Meeting) -> str:
    return f"{meeting.committee.short_name}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(True, filename)  # None only inline with no name
    if disposition:
        response["Content-Disposition"] = disposition
    return response


@require_safe
@never_cache
def agenda_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    """The agenda pack as the person asking may see it."""
    meeting = access.access_meeting(request.user, pk)
    agenda = selectors.agenda_for(access.meeting_viewer(request.user, meeting))
    # Recorded first: what the agenda shows (and so the papers merged in) decides the marking.
    record_reads(request.user, [agenda], "meetings:agenda_pdf")
    pack = agenda_pack(agenda, request.user, marking=current_marking())
    # The papers merged in are read like downloads: restricted ones are logged.
    record_reads(request.user, pack.merged, "meetings:agenda_pdf")
    return _download(pack.content, "application/pdf", f"{_file_stem(meeting)}-agenda.pdf")


@require_safe
@never_cache
def meeting_ics(request: SignedInRequest, pk: int) -> HttpResponse:
    """One meeting as an .ics file; restricted items are left out whoever asks."""
    meeting = access.access_meeting(request.user, pk)
    rows = selectors.agenda_for(access.meeting_viewer(request.user, meeting)).rows
    ics = calendar_for([(meeting, rows)], name=f"{meeting.committee.name}: {meeting.title}")
    return _download(ics, CALENDAR_TYPE, f"{_file_stem(meeting)}.ics")


@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def calendar_settings(request: SignedInRequest) -> HttpResponse:
    """The person's own calendar feed: see its address, make a new one, or switch it off."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            with once(request) as claim:
                calendar_feed_renew(user=request.user)
                claim.redirect("meetings:calendar")
            messages.success(
                request,
                "Your calendar feed address is ready. Any address you had before has stopped "
                "working.",
            )
        elif action == "revoke":
            calendar_feed_revoke(user=request.user)
            messages.success(request, "Your calendar feed has been switched off.")
        return redirect("meetings:calendar")
    feed = active_feeds(request.user).first()
    feed_url = None
    if feed is not None:
        feed_url = request.build_absolute_uri(
            reverse("meetings:calendar_feed", kwargs={"token": feed.token})
        )
    return render(request, "meetings/calendar.html", {"feed": feed, "feed_url": feed_url})


@login_not_required
@never_cache
@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's meetings for calendar apps, which cannot sign in: the token is the key."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    meetings = list(feed_meetings(feed.user))
    ics = calendar_for(feed_rows(feed.user, meetings), name="Partnership meetings")
    response = HttpResponse(ics, content_type=CALENDAR_TYPE)
    disposition = content_disposition_header(False, "meetings.ics")  # named, so never None
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Robots-Tag"] = "noindex"
    return response
