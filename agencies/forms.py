"""Sign-in and password forms laid out with the GOV.UK Design System."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from core.forms import form_helper


class SignInForm(AuthenticationForm):
    """Sign in by email address."""

    username = forms.EmailField(
        label="Email address",
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
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = form_helper("username", "password", submit="Sign in", label_size="")


class ResetRequestForm(PasswordResetForm):
    """Ask for a password reset link."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.helper = form_helper("email", submit="Send the link", label_size="")


class NewPasswordForm(SetPasswordForm):
    """Choose a new password from a reset link."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "new_password1", "new_password2", submit="Change password", label_size=""
        )
