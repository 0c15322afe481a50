"""Floor views: the rows of each measured page with no access logic and no template.

Each returns, as JSON, the rows its page shows, read with a plain queryset (the same joins and
prefetches the rows need), so that a page's latency divided by its floor's is the cost of our
layers (access rule, selectors, forms, template) measured in the same run. They ignore who
asks: they exist only in `bench.urls`, which only the benchmark's settings use.
"""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from actions.dashboard import AGE_BANDS, ESCALATION_WINDOW_DAYS, OLDEST_SHOWN
from actions.models import Action, ActionUpdate, Delivery, Notification
from actions.views import PAGE_SIZE
from agencies.models import Membership, User
from attendance.models import Invitation
from core.marking import Marking
from home.queue import SHOWN, UPCOMING_SHOWN
from meetings.access import AnyUser, MeetingViewer
from meetings.models import AgendaItem, Committee, Meeting, Paper, PublicQuestion
from meetings.pack import agenda_pack
from meetings.selectors import agenda_for
from minutes.models import Minutes
from search.selectors import search_rows
from search.sources import MODELS

DONE = (Action.Status.COMPLETED, Action.Status.CLOSED)


def _action(action: Action) -> dict:
    return {
        "id": action.pk,
        "reference": action.reference,
        "description": action.description,
        "meeting": action.meeting.title if action.meeting else action.source,
        "item": action.agenda_item.title if action.agenda_item else "",
        "status": action.status,
        "agencies": [action.owning_agency.short_name]
        + [agency.short_name for agency in action.co_agencies.all()],
        "due": action.due_date.isoformat() if action.due_date else action.due_text,
    }


@require_safe
def agenda(request: HttpRequest, pk: int) -> JsonResponse:
    """Every item of a meeting with its lead agency, presenters, papers and questions."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("lead_agency")
        .prefetch_related(
            "presenters",
            Prefetch("papers", queryset=Paper.objects.order_by("id")),
            Prefetch(
                "questions",
                queryset=PublicQuestion.objects.select_related("asked_by_agency", "answered_by"),
            ),
        )
    )
    rows = [
        {
            "id": item.pk,
            "parent": item.parent_id,
            "position": item.position,
            "kind": item.kind,
            "title": item.title,
            "description": item.description,
            "planned_minutes": item.planned_minutes,
            "restricted": item.restricted,
            "recommendation": item.recommendation,
            "lead_agency": item.lead_agency.short_name if item.lead_agency else "",
            "presenters": [person.full_name for person in item.presenters.all()],
            "papers": [[paper.pk, paper.title, paper.size] for paper in item.papers.all()],
            "questions": [[q.question, q.asked_by] for q in item.questions.all()],
        }
        for item in items
    ]
    return JsonResponse(
        {"meeting": meeting.title, "committee": meeting.committee.name, "rows": rows}
    )


@require_safe
def register(request: HttpRequest) -> JsonResponse:
    """A page of the actions owned by the given agencies, unassigned first, with the count."""
    agencies = [int(value) for value in request.GET.getlist("agency")]
    actions = (
        Action.objects.filter(owning_agency_id__in=agencies)
        .select_related("committee", "meeting", "agenda_item", "owning_agency", "owner")
        .prefetch_related("co_agencies")
        .annotate(
            unassigned=Case(
                When(owner__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("unassigned", "due_date", "id")
    )
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {**_action(action), "owner": action.owner.full_name if action.owner else ""}
        for action in page
    ]
    return JsonResponse({"count": page.paginator.count, "rows": rows})


@require_safe
def api_actions(request: HttpRequest) -> JsonResponse:
    """A page of the actions the API lists for ?agency=, as the register orders them, with the
    count and the fields the API serialises; no authentication, throttle or access rule."""
    agencies = [int(value) for value in request.GET.getlist("agency")]
    actions = (
        Action.objects.filter(owning_agency_id__in=agencies)
        .select_related("committee", "owning_agency", "owner")
        .prefetch_related("co_agencies")
        .order_by("due_date", "id")
    )
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [
        {
            "id": action.pk,
            "reference": action.reference,
            "committee": action.committee.short_name,
            "meeting": action.meeting_id,
            "agenda_item": action.agenda_item_id,
            "source": action.source,
            "description": action.description,
            "owning_agency": action.owning_agency.short_name,
            "co_agencies": [agency.short_name for agency in action.co_agencies.all()],
            "owner": {"id": action.owner_id, "name": action.owner.full_name}
            if action.owner
            else None,
            "due_date": action.due_date.isoformat() if action.due_date else None,
            "due_text": action.due_text,
            "status": action.status,
            "overdue_days": action.overdue_days(today),
            "created_at": action.created_at.isoformat(),
            "updated_at": action.updated_at.isoformat(),
            "url": f"/actions/{action.pk}/",
        }
        for action in page
    ]
    return JsonResponse({"count": page.paginator.count, "rows": rows})


@require_safe
def summary(request: HttpRequest, pk: int) -> JsonResponse:
    """The committee's outstanding actions and those done since its previous meeting."""
    meeting = get_object_or_404(Meeting, pk=pk)
    previous = (
        Meeting.objects.filter(committee_id=meeting.committee_id, starts_at__lt=meeting.starts_at)
        .exclude(status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
        .order_by("-starts_at")
        .first()
    )
    done = Q(status__in=DONE)
    if previous is not None:
        done &= Q(updated_at__gte=previous.starts_at)
    actions = (
        Action.objects.filter(committee_id=meeting.committee_id)
        .filter(Q(status__in=Action.OUTSTANDING) | done)
        .exclude(meeting__starts_at__gte=meeting.starts_at)
        .select_related("meeting", "agenda_item", "owning_agency")
        .prefetch_related(
            "co_agencies",
            Prefetch(
                "updates",
                queryset=ActionUpdate.objects.exclude(evidence="").order_by("created_at", "id"),
                to_attr="evidence_updates",
            ),
        )
    )
    rows = [
        {
            **_action(action),
            "item_id": action.agenda_item_id,
            "evidence": [update.evidence_name for update in action.evidence_updates],
        }
        for action in actions
    ]
    return JsonResponse({"rows": rows})


@require_safe
def dashboard(request: HttpRequest, pk: int) -> JsonResponse:
    """An agency's counts by status, overdue by age, escalations sent, the oldest overdue."""
    today = timezone.localdate()
    actions = Action.objects.filter(owning_agency_id=pk)
    counts = dict(actions.values_list("status").annotate(n=Count("id")).order_by())
    outstanding = Q(status__in=Action.OUTSTANDING)
    overdue = outstanding & Q(due_date__lt=today)
    bands = {}
    for index, (_, fewest, most) in enumerate(AGE_BANDS):
        band = Q(due_date__lte=today - datetime.timedelta(days=fewest))
        if most is not None:
            band &= Q(due_date__gte=today - datetime.timedelta(days=most))
        bands[f"band{index}"] = Count("id", filter=overdue & band)
    figures = actions.aggregate(
        unassigned=Count("id", filter=outstanding & Q(owner__isnull=True)), **bands
    )
    since = timezone.now() - datetime.timedelta(days=ESCALATION_WINDOW_DAYS)
    escalations = dict(
        Delivery.objects.filter(
            state=Delivery.State.SENT,
            sent_at__gte=since,
            notification__level__gte=Notification.Level.MANAGERS,
            notification__action__owning_agency_id=pk,
        )
        .values_list("notification__level")
        .annotate(n=Count("id"))
        .order_by()
    )
    oldest = actions.filter(overdue).select_related("committee", "meeting", "owner")
    rows = [
        {
            "id": action.pk,
            "reference": action.reference,
            "committee": action.committee.name,
            "meeting": action.meeting.title if action.meeting else action.source,
            "owner": action.owner.full_name if action.owner else "",
            "days_overdue": (today - action.due_date).days if action.due_date else 0,
        }
        for action in oldest.order_by("due_date", "id")[:OLDEST_SHOWN]
    ]
    return JsonResponse(
        {"counts": counts, "figures": figures, "escalations": escalations, "rows": rows}
    )


@require_safe
def home(request: HttpRequest, pk: int) -> JsonResponse:
    """One person's work queue: upcoming meetings of their agencies' committees, their actions
    and their agencies' (overdue first), unassigned ones they lead, circulated minutes and
    meetings with people still expected, each list with its count; their agencies and the
    first of their committees, with how many."""
    now = timezone.now()
    agencies = list(Membership.objects.filter(user_id=pk).values_list("agency_id", "role"))
    mine = [agency for agency, _ in agencies]
    leads = [agency for agency, role in agencies if role != Membership.Role.MEMBER]
    committees = Committee.objects.filter(member_agencies__in=mine).values("id")
    outstanding = (
        Action.objects.filter(status__in=Action.OUTSTANDING)
        .select_related("owning_agency", "owner", "committee")
        .order_by("due_date", "id")
    )
    lists = {
        "mine": outstanding.filter(owner_id=pk),
        "agency": outstanding.filter(owning_agency_id__in=mine).exclude(owner_id=pk),
        "assign": outstanding.filter(owner__isnull=True, owning_agency_id__in=leads),
    }
    rows, counts = [], {}
    for name, actions in lists.items():
        counts[name] = actions.count()
        rows += [_action_row(action, timezone.localdate(now)) for action in actions[:SHOWN]]
    upcoming = Meeting.objects.filter(committee__in=committees, starts_at__gte=now).order_by(
        "starts_at"
    )
    counts["upcoming"] = upcoming.count()
    meetings = [[m.pk, m.title] for m in upcoming.select_related("committee")[:UPCOMING_SHOWN]]
    circulated = Minutes.objects.filter(
        stage=Minutes.Stage.CIRCULATED, meeting__committee__in=committees
    )
    counts["minutes"] = circulated.count()
    expected = (
        Invitation.objects.filter(
            agency_id__in=leads, status=Invitation.Status.EXPECTED, meeting__starts_at__lt=now
        )
        .values("meeting_id", "meeting__title")
        .annotate(n=Count("id"))
        .order_by("-meeting_id")
    )
    counts["record"] = expected.count()
    yours = Committee.objects.filter(id__in=committees).select_related("host").order_by("name")
    counts["committees"] = yours.count()
    memberships = Membership.objects.filter(user_id=pk).select_related("agency")
    return JsonResponse(
        {
            "counts": counts,
            "agencies": [[m.agency.name, m.agency.short_name, m.role] for m in memberships],
            "committees": [[c.short_name, c.name, c.host.short_name] for c in yours[:SHOWN]],
            "rows": rows,
            "meetings": meetings,
            "minutes": [m.meeting_id for m in circulated.select_related("meeting")[:SHOWN]],
            "record": list(expected[:SHOWN]),
        }
    )


def _action_row(action: Action, today: datetime.date) -> dict:
    return {
        "id": action.pk,
        "reference": action.reference,
        "description": action.description,
        "agency": action.owning_agency.short_name,
        "owner": action.owner.full_name if action.owner else "",
        "days_overdue": (today - action.due_date).days if action.due_date else 0,
    }


@require_safe
def search(request: HttpRequest) -> JsonResponse:
    """The same search as the search page, over every row (no access rule), as JSON."""
    found = search_rows(
        lambda kind: MODELS[kind]._default_manager.all(),
        request.GET.get("q", ""),
        request.GET.get("kind", ""),
        request.GET.get("page"),
    )
    rows = [
        {"kind": r.kind, "heading": r.heading, "snippet": r.snippet, "url": r.url}
        for r in found.results
    ]
    return JsonResponse({"counts": found.counts, "rows": rows})


class _EveryItem(MeetingViewer):
    """A viewer who sees every item of the meeting, decided without asking the access rule."""

    def __init__(self, user: AnyUser, meeting: Meeting) -> None:
        self.user = user
        self.meeting = meeting
        self.runs_it = True


@require_safe
def pack(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda pack of a meeting with every item, unmarked and not logged: the same
    rendering (cover, agenda, list of papers, papers merged in) without the access rule."""
    if not isinstance(request.user, User):  # the cover names who printed it
        raise Http404
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    agenda = agenda_for(_EveryItem(request.user, meeting))
    built = agenda_pack(agenda, request.user, marking=Marking(sensitive=False))
    return HttpResponse(built.content, content_type="application/pdf")
