"""Adding an action's owner as a new colleague of the owning agency, from every owner picker: the
new-action form, the action page's Assign form and the edit page (issue 14 point 16).

Only the committee's chairs and secretariat add people (they record actions); the new colleague
joins the owning agency and is emailed a link to choose a password, never a password.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied

from agencies.models import Agency, User
from agencies.services import person_add
from core.fields import LineField

NAME, EMAIL = "new_owner_name", "new_owner_email"
# The new-person service's field names, as the owner forms call them.
NEW_OWNER_ERRORS = {"new_name": NAME, "new_email": EMAIL}


class NewOwnerForm(forms.Form):
    """The two fields that add someone new as the owner, and their checks."""

    new_owner_name = LineField(
        label="Or a new colleague: full name",
        limit=150,
        required=False,
        help_text="Not in the list? Give their name and email: they join the owning agency and "
        "get a link to choose a password and sign in.",
    )
    new_owner_email = forms.EmailField(
        label="Their email address",
        max_length=254,
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )

    @property
    def adds_new_owner(self) -> bool:
        """Whether the form asks to add the owner as a new colleague of the owning agency."""
        data = getattr(self, "cleaned_data", {})
        return bool((data.get(NAME) or "").strip() or data.get(EMAIL))

    def check_new_owner(self, current: User | None = None) -> None:
        """Someone new needs a name and an email, and is not chosen with another person from
        the list (leaving the list at the current owner is not choosing another)."""
        if NAME not in self.fields or not (self.adds_new_owner or EMAIL in self.errors):
            return
        data = self.cleaned_data
        owner = data.get("owner")
        if owner is not None and owner != current:
            self.add_error(NAME, "Choose an owner from the list or add someone new, not both")
        if not (data.get(NAME) or "").strip():
            self.add_error(NAME, "Enter the new colleague\u2019s full name")
        if not data.get(EMAIL) and EMAIL not in self.errors:
            self.add_error(EMAIL, "Enter the new colleague\u2019s email address")

    def drop_new_owner(self) -> None:
        """Take the fields off a form shown to someone who may not add people."""
        self.fields.pop(NAME, None)
        self.fields.pop(EMAIL, None)

    def chosen_owner(self, *, agency: Agency, by: User) -> User | None:
        """The owner the form gives: the new colleague, added now to `agency` (in the caller's
        transaction, so a refused save keeps nobody), or the person chosen from the list."""
        data = self.cleaned_data
        if not self.adds_new_owner:
            return data.get("owner")
        return person_add(full_name=data[NAME], email=data[EMAIL], agency=agency, added_by=by)


def refuse_new_owner_unless(allowed: bool, posted: Mapping[str, Any]) -> None:
    """403 for a posted new owner from someone who may not add people (the fields are not on
    their form, so the form would otherwise drop what they sent without a word)."""
    if not allowed and any(str(posted.get(name, "")).strip() for name in (NAME, EMAIL)):
        raise PermissionDenied("Only the committee\u2019s chairs and secretariat add people.")
