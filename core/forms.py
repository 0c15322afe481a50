"""Service errors onto forms and into HTTP statuses, and the one form layout every app uses."""

from __future__ import annotations

from collections.abc import Mapping

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

# A refusal because the record moved on under the person (stale), is locked, or is at the wrong
# stage of its lifecycle: the request was fine, the state was not, so it is a conflict.
CONFLICT_CODES = frozenset({"stale", "locked", "stage"})


def apply_service_errors(
    form: forms.BaseForm,
    error: ValidationError,
    *,
    names: Mapping[str, str] | None = None,
    suffix: str = "",
) -> None:
    """Put a service's ValidationError on the form: by field where it names one the form has.

    `names` maps a service's field to the form's (`arrived_at` -> `arrived`); `suffix` picks the
    row of a form with one field per row (`status_12`). Anything else is a non-field error.
    """
    names = names or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = f"{names.get(field, field)}{suffix}"
        form.add_error(name if name in form.fields else None, errors)


def error_codes(error: ValidationError) -> set[str]:
    """Every code a ValidationError carries, whether it is a list, a dict or a single error."""
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors if e.code}
    return {e.code for e in error.error_list if e.code}


def error_status(error: ValidationError) -> int:
    """409 when the record's state refuses the change (stale, locked, wrong stage), else 400."""
    return 409 if error_codes(error) & CONFLICT_CODES else 400


def form_helper(
    *fields: object,
    submit: str,
    label_size: str = Size.SMALL,
    legend_size: str = "",
    name_from_label: bool = False,
    id_from_label: bool = True,
    button_id: str = "",
) -> FormHelper:
    """A GOV.UK form layout: the fields in order, then one submit button; no <form> tag.

    A page showing several forms needs its buttons told apart: `name_from_label` names the
    button after its label (so a view can tell which was pressed), and the button's id is
    `submit-<label>` (so ids stay unique on the page: two forms' buttons would otherwise both be
    crispy's `id_submit`, as on the attendance page); `id_from_label=False` keeps crispy's.
    A page repeating one form (a queue) gives each its own `button_id`.
    """
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = label_size
    helper.legend_size = legend_size
    name = slugify(submit) if name_from_label else "submit"
    extra = {"css_id": f"submit-{slugify(submit)}"} if id_from_label else {}
    if button_id:
        extra = {"css_id": button_id}
    helper.layout = Layout(*fields, Button(name, submit, **extra))
    return helper


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name`, typed as the choice field it is, so its choices can be set."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a choice field")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's field `name`, typed as the model choice field it is, to set its queryset."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a model choice field")
    return field
