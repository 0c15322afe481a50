"""Service errors onto forms and into statuses, and the shared form layout."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from attendance.services import StaleAttendance
from core.forms import apply_service_errors, error_status, form_helper
from meetings.services import StaleAgenda
from minutes.services import StaleMinute


class _Form(forms.Form):
    title = forms.CharField(required=False)
    arrived_3 = forms.CharField(required=False)


def _bound() -> _Form:
    form = _Form({})
    form.is_valid()
    return form


def test_a_field_error_lands_on_its_field_and_an_unknown_one_on_the_form():
    form = _bound()
    apply_service_errors(form, ValidationError({"title": "Too long.", "nope": "Odd."}))
    assert form.errors == {"title": ["Too long."], "__all__": ["Odd."]}


def test_names_and_suffix_pick_a_row_field():
    form = _bound()
    error = ValidationError({"arrived_at": "Before the start."})
    apply_service_errors(form, error, names={"arrived_at": "arrived"}, suffix="_3")
    assert form.errors == {"arrived_3": ["Before the start."]}


def test_a_plain_error_is_a_form_error():
    form = _bound()
    apply_service_errors(form, ValidationError("No."))
    assert form.non_field_errors() == ["No."]


@pytest.mark.parametrize(
    "error",
    [
        StaleAgenda(),
        StaleMinute(),
        StaleAttendance("Ann"),
        ValidationError("Locked.", code="locked"),
        ValidationError("Wrong stage.", code="stage"),
        ValidationError({"revision": ValidationError("Stale.", code="stale")}),
        ValidationError([ValidationError("a"), ValidationError("b", code="stage")]),
    ],
)
def test_conflicts_are_409(error):
    assert error_status(error) == 409


@pytest.mark.parametrize(
    "error",
    [
        ValidationError("Bad."),
        ValidationError("Bad.", code="invalid"),
        ValidationError({"title": "Bad."}),
    ],
)
def test_other_refusals_are_400(error):
    assert error_status(error) == 400


def test_form_helper_layout():
    helper = form_helper("title", submit="Save item", id_from_label=True)
    assert helper.form_tag is False
    button = helper.layout.fields[-1]
    assert (button.name, button.value, button.id) == ("submit", "Save item", "submit-save-item")
    named = form_helper("title", submit="Save the owner", name_from_label=True, label_size="")
    assert named.layout.fields[-1].name == "save-the-owner" and named.label_size == ""
    # Two forms on one page never share a button id (crispy's own is always `id_submit`).
    assert form_helper("note", submit="Send my apologies").layout.fields[-1].id == (
        "submit-send-my-apologies"
    )
