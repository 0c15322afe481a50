"""Sign-in and password forms laid out with the GOV.UK Design System."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from core.forms import form_helper

# RFC 5321's longest address; also the User model's email field.
EMAIL_LIMIT = 254


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
        self.helper = form_helper(
            "new_password1", "new_password2", submit="Change password", label_size=""
        )
