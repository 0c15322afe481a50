"""Every date and time input in the project's forms shows its value in the format browsers
need (`YYYY-MM-DD`, `HH:MM`) and reads the same value back."""

from __future__ import annotations

import copy
import datetime
import importlib
import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from core.widgets import DateInput, TimeInput

BASE_DIR = Path(settings.BASE_DIR)
DAY = datetime.date(2027, 2, 11)
TIME = datetime.time(9, 5)


def _project_apps() -> list:
    # The project's own apps sit at the top of the repository (the venv is inside it too).
    return [c for c in apps.get_app_configs() if Path(c.path).parent == BASE_DIR]


def _project_modules() -> Iterator:
    for config in _project_apps():
        for name in ("forms", "filters"):
            try:
                yield importlib.import_module(f"{config.name}.{name}")
            except ModuleNotFoundError:
                continue


def _date_and_time_fields() -> list[tuple[str, forms.Field]]:
    found = []
    for module in _project_modules():
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            if issubclass(cls, forms.BaseForm):
                fields = cls.base_fields
            elif issubclass(cls, django_filters.FilterSet):
                # A filter builds its field once and keeps it: build it on a copy, or every
                # FilterSet made later would share a field made before its querysets were set.
                fields = {n: copy.deepcopy(f).field for n, f in cls.base_filters.items()}
            else:
                continue
            for name, field in fields.items():
                if isinstance(field, forms.DateField | forms.TimeField | forms.DateTimeField):
                    found.append((f"{module.__name__}.{cls_name}.{name}", field))
    return found


FIELDS = _date_and_time_fields()


def test_the_walk_finds_the_known_fields():
    names = {name for name, _ in FIELDS}
    assert {
        "meetings.forms.MeetingForm.date",
        "meetings.forms.MeetingForm.start_time",
        "actions.forms.ActionForm.due_date",
        "actions.filters.ActionFilter.due_after",
        "attendance.forms.StatisticsForm.start",
    } <= names


@pytest.mark.parametrize(("name", "field"), FIELDS, ids=[name for name, _ in FIELDS])
def test_renders_iso_and_reads_it_back(name, field):
    if isinstance(field, forms.DateField):
        value, expected, input_type = DAY, "2027-02-11", "date"
    elif isinstance(field, forms.TimeField):
        value, expected, input_type = TIME, "09:05", "time"
    else:
        pytest.fail(f"{name}: no date-time picker is agreed on; use a date and a time field")
    html = field.widget.render("x", value)
    assert f'type="{input_type}"' in html, html
    assert f'value="{expected}"' in html, html
    assert field.clean(expected) == value


def test_no_form_builds_its_own_date_or_time_widget():
    # Fields added in a form's __init__ escape the walk above; this catches them by name.
    pattern = re.compile(r"\bforms\.(DateInput|TimeInput|DateTimeInput|SplitDateTimeWidget)\(")
    offenders = [
        str(path.relative_to(BASE_DIR))
        for config in _project_apps()
        for path in Path(config.path).rglob("*.py")
        if pattern.search(path.read_text())
    ]
    assert offenders == [], "use core.widgets.DateInput / TimeInput"


def test_shared_widgets_keep_iso_under_any_locale_format():
    assert DateInput().format_value(DAY) == "2027-02-11"
    assert TimeInput().format_value(TIME) == "09:05"
    assert DateInput(attrs={"class": "x"}).input_type == "date"
