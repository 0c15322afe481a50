"""A manager's dashboard for their agency: counts by status, overdue actions by age, escalations
sent, the oldest overdue. Every number is over `visible_actions(viewer)`, so an action of a
restricted item the viewer may not see is never counted."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from agencies.models import Agency, User

from .emails import agency_leads
from .models import Action, Delivery, Notification
from .visibility import visible_actions

S = Action.Status


class AgencyChoiceForm(forms.Form):
    """Which of the agencies a person manages the dashboard shows (`?agency=MPS`)."""

    agency = forms.ChoiceField(
        required=False,
        error_messages={
            "invalid_choice": "You do not manage an agency called \u201c%(value)s\u201d: "
            "choose one of the agencies below."
        },
    )

    def __init__(self, data, *, agencies: list[Agency]) -> None:
        super().__init__(data)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", ""), *((a.short_name, a.name) for a in agencies)]

    def chosen(self, agencies: list[Agency]) -> Agency:
        """The agency asked for, or the first one (also when the choice was refused)."""
        wanted = self.cleaned_data.get("agency") if self.is_valid() else ""
        return next((a for a in agencies if a.short_name == wanted), agencies[0])


# (label, fewest days overdue, most days overdue or None for no limit)
AGE_BANDS = [
    ("1 to 7 days", 1, 7),
    ("8 to 28 days", 8, 28),
    ("29 to 90 days", 29, 90),
    ("More than 90 days", 91, None),
]
ESCALATION_WINDOW_DAYS = 30
OLDEST_SHOWN = 10


@dataclass
class Bar:
    """One bar of a chart, with its share of the longest bar."""

    label: str
    value: int
    percent: float

    # The chart's bars start at 40% of its width (labels to their left) and use at most 50%.
    @property
    def width(self) -> float:
        """The bar's width as a percentage of the whole chart."""
        return round(self.percent * 0.5, 1)

    @property
    def value_x(self) -> float:
        """Where the bar's number is written, just after the bar."""
        return round(41 + self.width, 1)


@dataclass
class Dashboard:
    """The numbers of one agency's actions that the viewer may see."""

    agency: Agency
    by_status: list[Bar]
    total: int
    unassigned: int
    overdue_bands: list[Bar]
    overdue: int
    escalations: int
    escalations_by_level: list[Bar]
    oldest_overdue: list[Action]
    today: datetime.date
    # Ladder steps of outstanding actions that could be sent to nobody (DESIGN.md section 4).
    unreached: list[Notification]
    unreached_count: int
    leads: str = ""

    @property
    def status_chart_height(self) -> int:
        """Height of the status chart in pixels (one 32-pixel row per status)."""
        return 32 * len(self.by_status)

    @property
    def overdue_chart_height(self) -> int:
        """Height of the overdue chart in pixels (one 32-pixel row per band)."""
        return 32 * len(self.overdue_bands)


def _bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    top = max((value for _, value in pairs), default=0) or 1
    return [Bar(label, value, round(100 * value / top, 1)) for label, value in pairs]


def _band_q(today: datetime.date, fewest: int, most: int | None) -> Q:
    q = Q(due_date__lte=today - datetime.timedelta(days=fewest))
    if most is not None:
        q &= Q(due_date__gte=today - datetime.timedelta(days=most))
    return q


def _escalations(actions: QuerySet[Action], agency: Agency) -> Counter:
    """Escalation emails sent in the window, by level, about the actions the viewer may see.

    The few escalated actions are checked against the access rule by id, rather than hashing
    every visible action of the agency to join them.
    """
    since = timezone.now() - datetime.timedelta(days=ESCALATION_WINDOW_DAYS)
    sent = list(
        Delivery.objects.filter(
            state=Delivery.State.SENT,
            sent_at__gte=since,
            notification__level__gte=Notification.Level.MANAGERS,
            notification__action__owning_agency=agency,
        )
        .values_list("notification__action_id", "notification__level")
        .annotate(n=Count("id"))
        .order_by()
    )
    if not sent:
        return Counter()
    visible = set(actions.filter(pk__in={pk for pk, _, _ in sent}).values_list("pk", flat=True))
    counts: Counter = Counter()
    for pk, level, n in sent:
        if pk in visible:
            counts[level] += n
    return counts


def agency_dashboard(viewer: User, agency: Agency) -> Dashboard:
    """Build the dashboard of one agency's actions, counting only what the viewer may see."""
    today = timezone.localdate()
    actions = visible_actions(viewer).filter(owning_agency=agency)
    outstanding = Q(status__in=Action.OUTSTANDING)
    overdue_q = outstanding & Q(due_date__lt=today)
    # One pass over the visible actions for every count: each pass re-applies the access rule.
    bands = actions.aggregate(
        **{f"status_{value}": Count("id", filter=Q(status=value)) for value in S.values},
        unassigned=Count("id", filter=outstanding & Q(owner__isnull=True)),
        **{
            f"band{i}": Count("id", filter=overdue_q & _band_q(today, fewest, most))
            for i, (_, fewest, most) in enumerate(AGE_BANDS)
        },
    )
    escalations = _escalations(actions, agency)
    oldest = list(
        actions.filter(overdue_q)
        .select_related("committee", "meeting", "owner")
        .order_by("due_date", "id")[:OLDEST_SHOWN]
    )
    for action in oldest:
        action.days_overdue = (today - action.due_date).days if action.due_date else 0
    silent = (
        Notification.objects.filter(
            action__in=actions.filter(outstanding).values("id"), planned_at__isnull=False
        )
        .exclude(unreached="")
        .select_related("action")
        .order_by("-day", "action_id")
    )
    unreached = list(silent[:OLDEST_SHOWN])
    band_values = [bands[f"band{i}"] for i in range(len(AGE_BANDS))]
    counts = {value: bands[f"status_{value}"] for value in S.values}
    return Dashboard(
        agency=agency,
        by_status=_bars([(label, counts.get(value, 0)) for value, label in S.choices]),
        total=sum(counts.values()),
        unassigned=bands["unassigned"],
        overdue_bands=_bars([(band[0], n) for band, n in zip(AGE_BANDS, band_values, strict=True)]),
        overdue=sum(band_values),
        escalations=sum(escalations.values()),
        escalations_by_level=[
            Bar(Notification.Level(level).label, escalations.get(level, 0), 0)
            for level in (Notification.Level.MANAGERS, Notification.Level.OFFICERS)
        ],
        oldest_overdue=oldest,
        today=today,
        unreached=unreached,
        unreached_count=silent.count() if len(unreached) == OLDEST_SHOWN else len(unreached),
        leads=agency_leads({agency.pk}).get(agency.pk, ""),
    )
