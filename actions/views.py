"""The actions register (my actions, my agency's, a committee's; CSV of what you may see), the
forms that record, assign and update actions, the Summary of actions and the dashboard.

Thin: every id from a URL goes through `meetings.access`; writes go through `services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from agencies.http import SignedInRequest
from agencies.selectors import managed_agencies
from audit.services import record_reads
from core.csv import FormulaSafeCSV
from core.forms import apply_service_errors
from core.navigation import local_next
from core.once import once, submit_once
from meetings import access
from meetings.marking import current_marking
from meetings.models import AgendaItem, Committee, Meeting
from meetings.selectors import agenda_for

from . import selectors, services
from .dashboard import AgencyChoiceForm, agency_dashboard
from .editing import editable_fields
from .filters import ActionFilter, overdue_switch
from .forms import ActionForm, AssignForm, OriginForm, UpdateForm
from .models import Action, ActionUpdate
from .new_owner import NEW_OWNER_ERRORS, refuse_new_owner_unless
from .pdf import summary_pdf
from .summary import agenda_numbers, meeting_summary
from .visibility import access_action, visible_actions

PAGE_SIZE = 50
# fmt: off
CSV_COLUMNS = ["Reference", "Committee", "Meeting", "Item", "Action", "Status", "Action by",
               "Owner", "Due date", "Deadline as promised", "Days overdue"]
# fmt: on
SCOPES = {
    "mine": ("My actions", selectors.my_actions),
    "agency": ("My agency's actions", selectors.agency_actions),
    "all": ("All actions I can see", selectors.register),
}


def _scoped(request: SignedInRequest) -> tuple[str, str, QuerySet[Action], ActionFilter]:
    """The scope (an unknown one is ignored: the agency's) and its filters; the committee is one
    of the filters, validated with the others (400 with a message, never a 404 or a 500)."""
    scope = request.GET.get("scope", "agency")
    if scope not in SCOPES:
        scope = "agency"
    title, select = SCOPES[scope]
    queryset = select(request.user)
    filters = ActionFilter(request.GET or None, queryset=queryset, user=request.user)
    if filters.is_valid() and filters.form.cleaned_data.get("committee"):
        title = f"{filters.form.cleaned_data['committee'].name}: actions"
    return scope, title, queryset, filters


def _officer_committee(request: SignedInRequest, filters: ActionFilter) -> Committee | None:
    """The filtered committee, when this person runs it (its register links to its import)."""
    if not filters.is_bound or not filters.is_valid():
        return None
    committee = filters.form.cleaned_data.get("committee")
    if committee is None or not access.is_committee_officer(request.user, committee):
        return None
    return committee


def register(request: SignedInRequest) -> HttpResponse:
    """A page of the register, filtered."""
    scope, title, queryset, filters = _scoped(request)
    if filters.is_bound and not filters.is_valid():
        status = 400
        rows = queryset.none()
    else:
        status = 200
        rows = filters.qs
    page = selectors.page_by_ids(rows, request.GET.get("page"), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **overdue_switch(query),
        "title": title,
        "scope": scope,
        "scopes": [(key, label) for key, (label, _) in SCOPES.items()],
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "dashboard_agency": managed_agencies(request.user).first(),
        "import_committee": _officer_committee(request, filters),
    }
    record_reads(request.user, page, "actions:register")
    return render(request, "actions/register.html", context, status=status)


def register_csv(request: SignedInRequest) -> HttpResponse:
    """The filtered register as CSV: only what this person may see."""
    _, _, _, filters = _scoped(request)
    if filters.is_bound and not filters.is_valid():
        return HttpResponse("Check the filters: " + filters.errors.as_text(), status=400)
    # Recorded before the first line: what the rows show decides the marking.
    record_reads(request.user, filters.qs.filter(restricted=True), "actions:csv")
    response = FormulaSafeCSV("actions.csv", CSV_COLUMNS, marking=current_marking())
    today = timezone.localdate()
    for action in filters.qs.iterator(chunk_size=500):
        response.writerow(
            [
                action.reference,
                action.committee.name,
                action.meeting.title if action.meeting else action.source,
                action.agenda_item.title if action.agenda_item else "",
                action.description,
                action.get_status_display(),
                action.owning_agency.short_name,
                action.owner.full_name if action.owner else "Unassigned",
                action.due_date.isoformat() if action.due_date else "",
                action.due_text,
                action.overdue_days(today) or "",
            ]
        )
    return response


def _safe_next(request: SignedInRequest) -> str | None:
    return local_next(request, request.GET.get("next"))


def _origin(
    request: SignedInRequest,
) -> tuple[Committee | None, Meeting | None, AgendaItem | None]:
    """The committee, meeting and item an action is recorded from, from the query string.

    Ids are resolved through meetings.access (404 for what the person may not see); only the
    committee's chairs and secretariat record actions (403 for the others).
    """
    user = request.user
    query = OriginForm(request.GET)
    if not query.is_valid():
        raise BadRequest("Check the address: " + query.errors.as_text())
    meeting_id, item_id = query.cleaned_data["meeting"], query.cleaned_data["item"]
    wanted = query.cleaned_data["committee"]
    meeting = access.access_meeting(user, meeting_id) if meeting_id else None
    item = access.access_item(user, item_id) if item_id else None
    if item is not None:
        if meeting is not None and item.meeting_id != meeting.id:
            raise Http404("That item is not on that meeting's agenda.")
        meeting = item.meeting
    committee = meeting.committee if meeting else None
    if committee is None and wanted:
        committee = get_object_or_404(access.partner_committees(user), short_name=wanted)
    if committee is not None:
        if not access.is_committee_officer(user, committee):
            raise PermissionDenied
        return committee, meeting, item
    officer_of = list(access.officer_committees(user).order_by("name")[:2])
    if not officer_of:
        raise PermissionDenied
    if len(officer_of) == 1:
        return officer_of[0], None, None
    return None, None, None


@submit_once
def action_create(request: SignedInRequest) -> HttpResponse:
    """A chair or clerk records an action, from a meeting's item, a minute or a report."""
    committee, meeting, item = _origin(request)
    if committee is None:
        committees = access.officer_committees(request.user).order_by("name")
        return render(request, "actions/choose_committee.html", {"committees": committees})
    rows = None
    items: dict[int, AgendaItem] = {}
    if meeting is not None:
        rows = [
            row
            for row in agenda_for(access.meeting_viewer(request.user, meeting)).rows
            if row.item is not None and row.kind != AgendaItem.Kind.PART
        ]
        items = {row.id: row.item for row in rows if row.item is not None}
    initial = {"agenda_item": item.pk if item else None}
    form = ActionForm(request.POST or None, committee=committee, items=rows, initial=initial)
    asks_past = request.method == "POST" and form.is_valid() and form.asks_past_due()
    if request.method == "POST" and form.is_valid() and not asks_past:
        data = form.cleaned_data
        chosen = data.get("agenda_item")
        try:
            with once(request) as claim:
                # A new colleague is added in one transaction with the action: all or nothing.
                owner = form.chosen_owner(agency=data["owning_agency"], by=request.user)
                action, warnings = services.action_create(
                    by=request.user,
                    committee=committee,
                    meeting=meeting,
                    agenda_item=items.get(chosen) if chosen else None,
                    description=data["description"],
                    owning_agency=data["owning_agency"],
                    owner=owner,
                    co_agencies=list(data["co_agencies"]),
                    due_date=data["due_date"],
                    due_text=data["due_text"],
                    source=data["source"],
                )
                done = claim.redirect(_safe_next(request) or action.get_absolute_url())
        except ValidationError as error:
            apply_service_errors(form, error, names=NEW_OWNER_ERRORS)
        else:
            messages.success(request, f"Action {action.reference} recorded.")
            for warning in warnings:
                messages.warning(request, warning)
            return done
    context = {
        "form": form,
        "committee": committee,
        "meeting": meeting,
        "item": item,
        "next": _safe_next(request),
        "asks_past": asks_past,
    }
    record_reads(request.user, [item, *(rows or [])], "actions:create")
    status = 400 if form.is_bound and not asks_past else 200
    return render(request, "actions/action_form.html", context, status=status)


def _detail_page(
    request: SignedInRequest,
    action: Action,
    *,
    assign_form: AssignForm | None = None,
    update_form: UpdateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The action page, with the forms this person may use."""
    user = request.user
    may_assign = services.can_assign(user, action)
    may_update = services.can_update(user, action)
    moves = services.allowed_moves(user, action) if may_update else set()
    if may_assign and assign_form is None:
        may_add = services.is_officer(user, action)
        assign_form = AssignForm(action=action, initial={"owner": action.owner_id}, may_add=may_add)
    if may_update and update_form is None:
        update_form = UpdateForm(action=action, moves=moves)
    context = {
        "action": action,
        "updates": action.updates.select_related("author"),
        "co_agencies": action.co_agencies.all(),
        "assign_form": assign_form if may_assign else None,
        "update_form": update_form if may_update else None,
        "origin_number": _origin_number(action),
        "may_edit": bool(editable_fields(user, action)),
        "changes": action.changes.select_related("author"),
        "overdue_days": action.overdue_days(),
    }
    surface = request.resolver_match.view_name if request.resolver_match else "actions:detail"
    record_reads(user, [action], surface)
    return render(request, "actions/detail.html", context, status=status)


def _origin_number(action: Action) -> str:
    """The number of the agenda item the action came from, as its agenda numbers it."""
    item = action.agenda_item
    if item is None:
        return ""
    return agenda_numbers({item.meeting_id}).get(item.pk, "")


def detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """One action with its progress updates, and the forms this person may use."""
    return _detail_page(request, access_action(request.user, pk))


@require_POST
@submit_once
def assign(request: SignedInRequest, pk: int) -> HttpResponse:
    """The owning agency's lead (or an officer) gives the action to one of its people."""
    action = access_action(request.user, pk)
    if not services.can_assign(request.user, action):
        raise PermissionDenied
    may_add = services.is_officer(request.user, action)
    refuse_new_owner_unless(may_add, request.POST)
    form = AssignForm(request.POST, action=action, may_add=may_add)
    if form.is_valid():
        try:
            with once(request) as claim:
                owner = form.chosen_owner(agency=action.owning_agency, by=request.user)
                services.action_assign(by=request.user, action=action, owner=owner)
                done = claim.redirect(action.get_absolute_url())
        except ValidationError as error:
            apply_service_errors(form, error, names=NEW_OWNER_ERRORS)
        else:
            who = owner.full_name if owner else "nobody (unassigned)"
            messages.success(request, f"{action.reference} is now assigned to {who}.")
            return done
    return _detail_page(request, action, assign_form=form, status=400)


@require_POST
@submit_once
def update(request: SignedInRequest, pk: int) -> HttpResponse:
    """Record progress: a note, a status change, evidence; officers close, drop and reopen."""
    action = access_action(request.user, pk)
    if not services.can_update(request.user, action):
        raise PermissionDenied
    moves = services.allowed_moves(request.user, action)
    form = UpdateForm(request.POST, request.FILES, action=action, moves=moves)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with once(request) as claim:
                services.action_update(
                    by=request.user,
                    action=action,
                    note=data["note"],
                    status=data.get("status") or None,
                    evidence=data["evidence"] or None,
                )
                done = claim.redirect(action.get_absolute_url())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            action.refresh_from_db(fields=["status"])
            messages.success(
                request, f"Update saved. {action.reference} is {action.get_status_display()}."
            )
            return done
    return _detail_page(request, action, update_form=form, status=400)


@require_safe
def evidence(request: SignedInRequest, pk: int) -> FileResponse:
    """Download an update's evidence file, for people who may see the action."""
    found = get_object_or_404(
        ActionUpdate.objects.filter(action__in=visible_actions(request.user).values("id")).exclude(
            evidence=""
        ),
        pk=pk,
    )
    record_reads(request.user, [found], "actions:evidence")
    return FileResponse(
        found.evidence.open("rb"),
        as_attachment=True,
        filename=found.evidence_name,
        content_type=services.evidence_content_type(found.evidence_name),
    )


@require_safe
def summary(request: SignedInRequest, pk: int) -> HttpResponse:
    """A meeting's Summary of actions as this person may see it."""
    meeting = access.access_meeting(request.user, pk)
    summary_of_actions = meeting_summary(request.user, meeting)
    record_reads(request.user, [summary_of_actions], "actions:summary")
    context = {"meeting": meeting, "summary": summary_of_actions}
    return render(request, "actions/summary.html", context)


@require_safe
@never_cache
def summary_download(request: SignedInRequest, pk: int) -> HttpResponse:
    """The Summary of actions as a PDF, as this person may see it."""
    meeting = access.access_meeting(request.user, pk)
    summary_of_actions = meeting_summary(request.user, meeting)
    record_reads(request.user, [summary_of_actions], "actions:summary_pdf")
    content = summary_pdf(summary_of_actions, request.user, marking=current_marking())
    stem = f"{meeting.committee.short_name}-{timezone.localtime(meeting.starts_at):%Y-%m-%d}"
    response = HttpResponse(content, content_type="application/pdf")
    disposition = content_disposition_header(True, f"{stem}-summary-of-actions.pdf")
    if disposition:  # None only inline with no name
        response["Content-Disposition"] = disposition
    return response


@require_safe
def dashboard(request: SignedInRequest) -> HttpResponse:
    """A manager's (or lead's) dashboard of their agency's actions."""
    agencies = list(managed_agencies(request.user))
    if not agencies:
        raise PermissionDenied
    # An agency one does not manage is a 400 with a message, over one's first agency's board.
    choice = AgencyChoiceForm(request.GET, agencies=agencies)
    board = agency_dashboard(request.user, choice.chosen(agencies))
    record_reads(request.user, board.oldest_overdue, "actions:dashboard")
    context = {"dashboard": board, "agencies": agencies, "choice": choice}
    status = 400 if choice.errors else 200
    return render(request, "actions/dashboard.html", context, status=status)
