"""Sign-in and password reset, answering a refused form with 400 like every other form
(DESIGN section 7): Django's views answer 200 with the errors."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import mfa
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

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        """Signed in with the password; a person with a second factor is asked for it next."""
        response = super().form_valid(form)
        user = form.get_user()
        mfa.sign_in_started(self.request, user)
        if mfa.owes_code(self.request):
            page = "mfa:verify" if mfa.authenticator(user) else "mfa:setup"
            return redirect(f"{reverse(page)}?{urlencode({'next': self.get_success_url()})}")
        return response


class ResetRequestView(_RefusedIs400, auth_views.PasswordResetView):
    """Ask for a password reset link."""

    form_class = ResetRequestForm


class NewPasswordView(_RefusedIs400, auth_views.PasswordResetConfirmView):
    """Choose a new password from a reset link."""

    form_class = NewPasswordForm
