"""Every field of every form and filter is bounded before the database (DESIGN section 7,
issue 14 point 14): free text states its limit and enforces it, dates have sensible bounds,
numbers (hidden ones too) have a maximum."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms

from core.fields import BoundedDateField, HiddenNumberField, LineField, TextField
from tests.forms_walk import declared_fields

# Every form, model form and filter of the product, found by walking its modules.
FIELDS = declared_fields()


def test_the_walk_finds_the_forms():
    names = {name for name, _ in FIELDS}
    assert {
        "actions.forms.ActionForm.description",
        "meetings.forms.MeetingForm.revision",
        "actions.filters.ActionFilter.due_after",
        "actions.edit_forms.ActionEditForm.revision",
        "search.forms.SearchForm.q",
        "intake.forms.ConfirmForm.token",
        "api.token_views.TokenForm.name",
        "agencies.mfa_forms.CodeForm.code",
    } <= names


@pytest.mark.parametrize("name,field", FIELDS, ids=[name for name, _ in FIELDS])
def test_every_field_is_bounded(name, field):
    if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
        assert field.max_length is not None, f"{name} has no length limit"
        # An address, a slug or a pattern (a code, a token) is checked for its shape instead.
        if not isinstance(field, forms.EmailField | forms.SlugField | forms.RegexField):
            assert isinstance(field, TextField), f"{name}: free text must state its limit"
            assert f"Up to {field.max_length:,} characters." in str(field.help_text), name
    if isinstance(field, forms.DateField):
        assert isinstance(field, BoundedDateField), f"{name} is an unbounded date"
    if isinstance(field, forms.IntegerField):
        assert field.max_value is not None, f"{name} has no maximum"


def test_a_long_text_is_refused_with_its_limit_and_kept():
    field = TextField(limit=2000, widget=forms.Textarea)

    class F(forms.Form):
        note = field

    text = "word " * 40_000  # 200,000 characters
    form = F({"note": text})
    assert not form.is_valid()
    assert "Shorten this to 2,000 characters or fewer (it has 199999)" in form.errors["note"][0]
    rendered = str(form["note"])
    assert text.strip() in rendered  # what was typed is given back
    assert "maxlength" not in rendered  # so the browser does not cut a paste silently


@pytest.mark.parametrize("value", ["Police\r\nBoard", "Police\nBoard", "Police\rBoard"])
def test_a_one_line_text_refuses_line_breaks(value):
    class F(forms.Form):
        title = LineField(limit=200)

    form = F({"title": value})
    assert not form.is_valid()
    assert "one line" in form.errors["title"][0]


@pytest.mark.parametrize(
    "value", ["0001-01-01", "1900-01-01", "1999-12-31", "2101-01-01", "9999-12-31"]
)
def test_dates_outside_2000_to_2100_are_refused_with_a_message(value):
    class F(forms.Form):
        day = BoundedDateField()

    form = F({"day": value})
    assert not form.is_valid()
    assert form.errors["day"] == ["Enter a date between 1 January 2000 and 31 December 2100"]


def test_dates_inside_the_bounds_are_accepted():
    class F(forms.Form):
        day = BoundedDateField()

    form = F({"day": "2100-12-31"})
    assert form.is_valid() and form.cleaned_data["day"] == date(2100, 12, 31)


def test_a_huge_hidden_number_is_refused():
    class F(forms.Form):
        revision = HiddenNumberField()

    form = F({"revision": "9" * 40})
    assert not form.is_valid()
    assert "reload it" in form.errors["revision"][0]
