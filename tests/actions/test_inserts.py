"""Bulk inserts that skip conflicts say which rows they wrote, in 500-row statements and, for
more rows than that (a sweep over a million actions), through COPY into a staging table."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from actions.inserts import insert_new, insert_returning, insert_values
from actions.models import Action, Notification

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def _steps(action: Action, days: range) -> list[Notification]:
    return [
        Notification(
            action=action,
            kind=Notification.Kind.REMINDER,
            level=0,
            day=DAY + datetime.timedelta(days=n),
        )
        for n in days
    ]


@pytest.mark.parametrize("rows", [300, 1_200])
def test_it_writes_the_new_rows_once_and_returns_their_ids(world, rows):
    action = Action.objects.create(
        committee=world.committee, reference="MC-0001", description="x", owning_agency=world.mps
    )
    first = insert_new(_steps(action, range(0, rows, 2)))
    assert len(first) == rows // 2
    # Half of these are written already: only the other half are new, and only they come back.
    again = insert_new(_steps(action, range(rows)))
    assert len(again) == rows // 2
    assert set(again).isdisjoint(first)
    written = Notification.objects.filter(pk__in=again)
    assert {(n.day - DAY).days % 2 for n in written} == {1}
    assert Notification.objects.count() == rows
    assert not Notification.objects.filter(created_at__isnull=True).exists()
    assert insert_new(_steps(action, range(rows))) == []


@pytest.mark.parametrize("rows", [300, 1_200])
def test_values_take_the_defaults_and_skip_what_is_written(world, rows):
    action = Action.objects.create(
        committee=world.committee, reference="MC-0001", description="x", owning_agency=world.mps
    )
    names = ("action_id", "kind", "level", "day")
    steps = [
        (action.pk, Notification.Kind.OVERDUE, Notification.Level.MANAGERS, DAY + _days(n))
        for n in range(rows)
    ]
    first = insert_values(Notification, names, steps[::2])
    assert len(first) == rows // 2
    again = insert_values(Notification, names, steps)
    assert len(again) == rows // 2 and set(again).isdisjoint(first)
    # Choices went in as their values, and the other fields took their defaults.
    assert set(Notification.objects.values_list("kind", "level", "unreached")) == {
        ("overdue", 1, "")
    }
    assert not Notification.objects.filter(created_at__isnull=True).exists()
    assert not Notification.objects.filter(planned_at__isnull=False).exists()
    assert insert_values(Notification, names, steps) == []


def test_values_are_named_by_their_columns_attnames(world):
    action = Action.objects.create(
        committee=world.committee, reference="MC-0001", description="x", owning_agency=world.mps
    )
    rows = [(action, "reminder", 0, DAY + _days(n)) for n in range(600)]
    with pytest.raises(ValueError):
        insert_values(Notification, ("action", "kind", "level", "day"), rows)


@pytest.mark.parametrize("rows", [300, 1_200])
def test_returning_gives_the_asked_fields_of_the_new_rows_only(world, rows):
    action = Action.objects.create(
        committee=world.committee, reference="MC-0001", description="x", owning_agency=world.mps
    )
    names = ("action_id", "kind", "level", "day", "planned_at")
    planned = timezone.now()
    steps = [(action.pk, "overdue", n % 3, DAY + _days(n), planned) for n in range(rows)]
    first = insert_returning(Notification, names, steps[::2], ("id", "level", "day"))
    again = insert_returning(Notification, names, steps, ("id", "level", "day"))
    assert len(first) == len(again) == rows // 2
    written = {n.pk: (n.level, n.day) for n in Notification.objects.all()}
    # Each id comes back with its own row's fields, and the second call only the other half.
    assert {pk: (level, day) for pk, level, day in first + again} == written
    assert {(day - DAY).days % 2 for _, _, day in again} == {1}
    assert set(Notification.objects.values_list("planned_at", flat=True)) == {planned}
    with pytest.raises(ValueError):
        insert_returning(Notification, names, steps, ("id", "no_such_field"))


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
