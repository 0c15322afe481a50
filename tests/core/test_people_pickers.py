"""Every field of the product that chooses a person is the searchable picker (issue 14 point
15: accessible-autocomplete over a select, not a plain select or a tall multi-select)."""

from __future__ import annotations

import pytest
from django import forms

from actions.forms import PersonField
from agencies.models import User
from attendance.models import Invitation
from tests.forms_walk import declared_fields

# An invitation is a person at a meeting (a substitute stands in for one).
PEOPLE = {User, Invitation}
# Choices of people built in the form's __init__ from rows rather than a queryset.
PEOPLE_NAMES = {"owner", "person", "people", "presenters", "users", "original", "answered_by"}
# Django's admin pages are its own (they load neither pickers.js nor the GOV.UK layout).
ADMIN = ".admin."


def _chooses_a_person(name: str, field: forms.Field) -> bool:
    if isinstance(field, PersonField):
        return True
    queryset = getattr(field, "queryset", None)
    if queryset is not None and queryset.model in PEOPLE:
        return True
    return isinstance(field, forms.ChoiceField) and name.rsplit(".", 1)[1] in PEOPLE_NAMES


PEOPLE_FIELDS = [
    (name, field)
    for name, field in declared_fields()
    if ADMIN not in name and _chooses_a_person(name, field)
]


def test_the_walk_finds_the_people_fields():
    names = {name for name, _ in PEOPLE_FIELDS}
    assert {
        "actions.forms.ActionForm.owner",
        "actions.edit_forms.ActionEditForm.owner",
        "attendance.forms.SubstituteForm.original",
        "meetings.forms.ItemForm.presenters",
        "meetings.forms.QuestionForm.answered_by",
        "attendance.forms.DeclarationForm.person",
    } <= names


@pytest.mark.parametrize("name,field", PEOPLE_FIELDS, ids=[name for name, _ in PEOPLE_FIELDS])
def test_every_people_field_is_the_picker(name, field):
    many = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    wanted = "many" if many else "one"
    assert field.widget.attrs.get("data-app-picker") == wanted, (
        f"{name} chooses a person with a {type(field.widget).__name__}: use "
        "core.widgets.PersonSelect (or PeopleSelectMultiple)"
    )
