"""Sign-in and password forms laid out with the GOV.UK Design System."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.validators import MaxLengthValidator

from core.forms import form_helper

# RFC 5321's longest address; also the User model's email field.
EMAIL_LIMIT = 254
# Generous for pass phrases, and it keeps a megabyte of "password" away from the hasher.
PASSWORD_LIMIT = 256
PASSWORD_TOO_LONG = f"A password has at most {PASSWORD_LIMIT} characters"


def _bound_password(field: forms.Field) -> None:
    """Refuse a password longer than PASSWORD_LIMIT with a clear message, and say so."""
    field.validators.append(MaxLengthValidator(PASSWORD_LIMIT))
    field.widget.attrs["maxlength"] = str(PASSWORD_LIMIT)
    field.error_messages["max_length"] = PASSWORD_TOO_LONG


class SignInForm(AuthenticationForm):
    """Sign in by email address."""

    # Bounded before anything reads it: the lock-out log stores the name tried in 255 characters.
    username = forms.EmailField(
        label="Email address",
        max_length=EMAIL_LIMIT,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "This account cannot sign in.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["username"].error_messages["max_length"] = (
            f"An email address has at most {EMAIL_LIMIT} characters"
        )
        self.fields["password"].error_messages["required"] = "Enter your password"
        _bound_password(self.fields["password"])
        self.helper = form_helper("username", "password", submit="Sign in", label_size="")


class ResetRequestForm(PasswordResetForm):
    """Ask for a password reset link."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["max_length"] = (
            f"An email address has at most {EMAIL_LIMIT} characters"
        )
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )
        self.helper = form_helper("email", submit="Send the link", label_size="")


class NewPasswordForm(SetPasswordForm):
    """Choose a new password from a reset link."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("new_password1", "new_password2"):
            _bound_password(self.fields[name])
        self.helper = form_helper(
            "new_password1", "new_password2", submit="Change password", label_size=""
        )
