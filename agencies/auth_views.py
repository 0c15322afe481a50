"""Sign-in and password reset, answering a refused form with 400 like every other form
(DESIGN section 7): Django's views answer 200 with the errors."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.forms import BaseForm
from django.http import HttpResponse

from .forms import NewPasswordForm, ResetRequestForm, SignInForm


class _RefusedIs400:
    """A mixin for Django's form views: the re-rendered form with its errors answers 400."""

    def form_invalid(self, form: BaseForm) -> HttpResponse:
        """The form again, with its errors and what was typed, as a 400."""
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class SignInView(_RefusedIs400, auth_views.LoginView):
    """Sign in by email address."""

    authentication_form = SignInForm
    redirect_authenticated_user = True


class ResetRequestView(_RefusedIs400, auth_views.PasswordResetView):
    """Ask for a password reset link."""

    form_class = ResetRequestForm


class NewPasswordView(_RefusedIs400, auth_views.PasswordResetConfirmView):
    """Choose a new password from a reset link."""

    form_class = NewPasswordForm
