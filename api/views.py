"""The API's endpoints: reads through the access rule's selectors, writes through the actions'
services. Thin, like the pages: who may see or do what is decided where the pages decide it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.request import Request
from rest_framework.response import Response

from actions import services as action_services
from actions.models import Action, ActionUpdate
from actions.selectors import LIST_RELATED
from actions.summary import agenda_numbers
from actions.visibility import access_action, visible_actions
from audit.services import record_reads
from meetings import access
from meetings.models import AgendaItem, Committee, Meeting, Paper

from . import filters, idempotency
from . import serializers as s


class JsonOnly:
    """Answered by DRF whoever asks: LoginRequiredMiddleware would send a request without a
    session to the sign-in page, where an API must answer 401 in JSON (tokens are read by
    DRF, after the middleware)."""

    @classmethod
    def as_view(cls, *args: Any, **kwargs: Any) -> Any:
        """The view, marked as not needing a session."""
        return login_not_required(super().as_view(*args, **kwargs))  # type: ignore[misc]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        """DRF's checks; a request refused for want of credentials (or with a wrong token)
        still counts against its address's allowance, which DRF would only check after the
        permissions, so guessing tokens is throttled too."""
        try:
            super().initial(request, *args, **kwargs)  # type: ignore[misc]
        except (exceptions.NotAuthenticated, exceptions.AuthenticationFailed):
            self.check_throttles(request)  # type: ignore[attr-defined]
            raise


class CommitteeViewSet(JsonOnly, viewsets.ReadOnlyModelViewSet):
    """Committees the person is a partner of, by short name."""

    serializer_class = s.CommitteeSerializer
    lookup_field = "short_name"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,30}"

    def get_queryset(self) -> QuerySet[Committee]:
        """The person's committees."""
        return (
            access.partner_committees(self.request.user)
            .select_related("host")
            .prefetch_related("member_agencies")
            .order_by("name", "id")
        )


class MeetingViewSet(JsonOnly, viewsets.ReadOnlyModelViewSet):
    """Meetings the person may open: published ones of their committees, and drafts of those
    they run. Newest first."""

    serializer_class = s.MeetingSerializer
    filterset_class = filters.MeetingFilter
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> QuerySet[Meeting]:
        """The person's meetings."""
        return (
            access.visible_meetings(self.request.user)
            .select_related("committee")
            .order_by("-starts_at", "id")
        )


class AgendaItemViewSet(JsonOnly, viewsets.ReadOnlyModelViewSet):
    """Agenda items whose content the person may see (restricted items they are not granted
    are absent), in agenda order; `?meeting=` for one meeting's."""

    serializer_class = s.AgendaItemSerializer
    filterset_class = filters.AgendaItemFilter
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> QuerySet[AgendaItem]:
        """The person's items."""
        papers = Prefetch("papers", queryset=Paper.objects.order_by("id"), to_attr="paper_list")
        return (
            access.visible_agenda_items(self.request.user)
            .select_related("lead_agency")
            # AgendaItem declares paper_list for typing, which the plugin takes for a second one.
            .prefetch_related(papers)  # type: ignore[no-redef]
            .order_by("meeting_id", "position", "id")
        )

    def _answer(self, items: list[AgendaItem], many: bool) -> Any:
        numbers = agenda_numbers({item.meeting_id for item in items})
        context = {**self.get_serializer_context(), "numbers": numbers}
        record_reads(self.request.user, items, "api:item")
        return s.AgendaItemSerializer(items if many else items[0], many=many, context=context).data

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of items, numbered."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._answer(list(page or []), many=True))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One item, numbered."""
        return Response(self._answer([self.get_object()], many=False))


@extend_schema_view(
    update_create=extend_schema(
        request={
            "application/json": s.UpdateWriteSerializer,
            "multipart/form-data": s.UpdateWriteSerializer,
        },
        parameters=[
            OpenApiParameter(
                idempotency.HEADER,
                OpenApiTypes.UUID,
                OpenApiParameter.HEADER,
                description="Optional. A request repeated with the same key records nothing "
                "more and answers 200 with the update the first one recorded.",
            )
        ],
        responses={201: s.UpdateCreatedSerializer, 200: s.UpdateCreatedSerializer},
    )
)
class ActionViewSet(JsonOnly, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Actions the person may see, filtered as the register is; one action with its progress;
    a progress update (a note, a status change the person may make, evidence)."""

    serializer_class = s.ActionSerializer
    filterset_class = filters.ActionFilter
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> QuerySet[Action]:
        """The person's actions, as the register orders them (bare rows: a page's are joined
        once chosen, see paginate_queryset)."""
        return visible_actions(self.request.user).order_by("due_date", "id")

    def get_serializer_context(self) -> dict[str, Any]:
        """With today's date (London), read once for every row."""
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def paginate_queryset(self, queryset: QuerySet[Action]) -> list[Action] | None:  # type: ignore[override]
        """A page of ids chosen on the bare table, then those rows joined (as the register's
        page_by_ids: the access rule's subqueries would otherwise join every visible row)."""
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True))  # type: ignore[arg-type]
        if ids is None:
            return None
        rows = (
            Action.objects.select_related(*LIST_RELATED)
            .prefetch_related("co_agencies")
            .in_bulk(list(ids))
        )
        page = [rows[pk] for pk in ids if pk in rows]
        record_reads(self.request.user, page, "api:action-list")
        return page

    @extend_schema(responses=s.ActionDetailSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        """One action, with its progress updates and what this person may do to it."""
        found = access_action(request.user, int(pk))
        updates = ActionUpdate.objects.select_related("author").order_by("created_at", "id")
        action = (
            Action.objects.select_related(*LIST_RELATED)
            .prefetch_related("co_agencies", Prefetch("updates", queryset=updates))
            .get(pk=found.pk)
        )
        may_update = action_services.can_update(request.user, action)
        context = {
            **self.get_serializer_context(),
            "may_update": may_update,
            "moves": action_services.allowed_moves(request.user, action) if may_update else set(),
        }
        record_reads(request.user, [action], "api:action")
        return Response(s.ActionDetailSerializer(action, context=context).data)

    @route(detail=True, methods=["post"], url_path="updates", url_name="update")
    def update_create(self, request: Request, pk: str) -> Response:
        """Record progress on an action, with the page's rules: the owner, the owning agency's
        lead or managers, or the committee's officers; only the status changes they may make."""
        action = access_action(request.user, int(pk))
        if not action_services.can_update(request.user, action):
            raise PermissionDenied("Only the owner, the agency's lead or the chair updates this.")
        given = s.UpdateWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            with idempotency.once(request) as claim:
                claim.update = action_services.action_update(
                    by=request.user,
                    action=action,
                    note=data["note"],
                    status=data["status"] or None,
                    evidence=data["evidence"],
                )
        except idempotency.Repeated as repeated:
            first = (
                ActionUpdate.objects.select_related("author")
                .filter(pk=repeated.update_id or 0, action=action)
                .first()
            )
            if first is None:
                raise exceptions.ValidationError(
                    {idempotency.HEADER: "This key was used for another request: send a new one."}
                ) from None
            return self._update_answer(action, first, status.HTTP_200_OK)
        return self._update_answer(action, claim.update, status.HTTP_201_CREATED)

    def _update_answer(self, action: Action, update: ActionUpdate | None, code: int) -> Response:
        action.refresh_from_db(fields=["status"])
        answer = s.UpdateCreatedSerializer(update, context={"action_status": action.status})
        return Response(answer.data, status=code)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        """The write's own serializer for the schema of the update."""
        if getattr(self, "action", None) == "update_create":
            return s.UpdateWriteSerializer
        return super().get_serializer_class()
