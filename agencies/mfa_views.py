"""Pages of the second factor: set up, enter a code after the password, backup codes, and the
account page to see, replace or remove it. Thin: the work is in agencies/mfa.py."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods

from . import mfa
from .http import SignedInRequest
from .mfa_forms import CodeForm

APP_HINT = "The 6-digit code your authenticator app shows now"
ANY_HINT = "The 6-digit code from your authenticator app, or one of your backup codes"
WRONG = "The code is not right: enter the code your authenticator app shows now"
WAIT = "Too many wrong codes: wait a minute, then enter the code your app shows then"


def _next(request: SignedInRequest, default: str = "home") -> str:
    """The page asked for before the second factor, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def _with_next(name: str, request: SignedInRequest) -> HttpResponseRedirect:
    return redirect(f"{reverse(name)}?{urlencode({'next': _next(request)})}")


def _refused(request: SignedInRequest, form: CodeForm, waiting: bool) -> None:
    """A wrong code counts as a failed sign-in (django-axes cools the account off after
    AXES_FAILURE_LIMIT of them), on top of django-otp's own doubling wait."""
    form.add_error("code", WAIT if waiting else WRONG)
    user_login_failed.send(
        sender=__name__, credentials={"username": request.user.email}, request=request
    )
    if getattr(request, "axes_locked_out", False):
        # That was one too many: signed out now (AxesMiddleware answers with the lock-out page).
        logout(request)


def _locked(request: SignedInRequest) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": request.user.email})


@require_http_methods(["GET", "POST"])
def setup(request: SignedInRequest) -> HttpResponse:
    """Set up an authenticator app: a QR code (and the secret as text), confirmed with a code."""
    if mfa.authenticator(request.user):
        if not mfa.is_verified(request):
            return _with_next("mfa:verify", request)
        messages.info(request, "You already have a second factor: replace it from here.")
        return redirect("mfa:account")
    device = mfa.pending_setup(request.user)
    form = CodeForm(request.POST or None, hint=APP_HINT, submit="Set up")
    status = 200
    if request.method == "POST":
        if _locked(request):
            return _lock_out(request)
        if form.is_valid():
            codes = mfa.confirm_setup(request, request.user, form.cleaned_data["code"])
            if codes is not None:
                request.session[mfa.NEW_CODES] = codes
                messages.success(request, "Your second factor is set up.")
                return _with_next("mfa:backup_codes", request)
            _refused(request, form, waiting=not device.verify_is_allowed()[0])
        status = 400
    context = {
        "form": form,
        "qr": mfa.qr_svg(device),
        "secret": mfa.secret_text(device),
        "next": _next(request),
        "required": mfa.owes_code(request),
    }
    return render(request, "agencies/mfa/setup.html", context, status=status)


@require_http_methods(["GET", "POST"])
def verify(request: SignedInRequest) -> HttpResponse:
    """Enter the second factor after the password."""
    if mfa.is_verified(request) or not mfa.authenticator(request.user):
        request.session.pop(mfa.PENDING, None)
        if mfa.owes_code(request):
            return _with_next("mfa:setup", request)
        return redirect(_next(request))
    form = CodeForm(request.POST or None, hint=ANY_HINT)
    status = 200
    if request.method == "POST":
        if _locked(request):
            return _lock_out(request)
        if form.is_valid():
            checked = mfa.check_code(request.user, form.cleaned_data["code"])
            if checked.device is not None:
                mfa.verified(request, checked.device)
                return redirect(_next(request))
            _refused(request, form, checked.waiting)
        status = 400
    context = {"form": form, "next": _next(request)}
    return render(request, "agencies/mfa/verify.html", context, status=status)


def _lock_out(request: SignedInRequest) -> HttpResponse:
    """Too many wrong passwords or codes: signed out, told to wait (as the sign-in page does)."""
    logout(request)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


@require_http_methods(["GET", "POST"])
def backup_codes(request: SignedInRequest) -> HttpResponse:
    """New backup codes, shown once; or how many are left, with a button for a new set."""
    if request.method == "POST":
        if request.POST.get("then") == "new":
            if mfa.authenticator(request.user) is None or not mfa.is_verified(request):
                return redirect("mfa:account")
            request.session[mfa.NEW_CODES] = mfa.regenerate_codes(request.user)
            return _with_next("mfa:backup_codes", request)
        request.session.pop(mfa.NEW_CODES, None)
        return redirect(_next(request, default="mfa:account"))
    context = {
        "codes": request.session.get(mfa.NEW_CODES),
        "left": mfa.backup_codes_left(request.user),
        "has_app": mfa.authenticator(request.user) is not None,
        "next": _next(request, default="mfa:account"),
    }
    return render(request, "agencies/mfa/backup_codes.html", context)


def backup_codes_download(request: SignedInRequest) -> HttpResponse:
    """The backup codes just made, as a text file (only while they are being shown)."""
    codes = request.session.get(mfa.NEW_CODES)
    if not codes:
        raise Http404("No new backup codes")
    lines = [
        "Partnership meetings: backup codes",
        f"For {request.user.email}. Each code works once, in place of your app's code.",
        "",
        *codes,
        "",
    ]
    response = HttpResponse("\r\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="backup-codes.txt"'
    response["Cache-Control"] = "no-store"
    return response


def account(request: SignedInRequest) -> HttpResponse:
    """Whether the person has a second factor, and the ways to change it."""
    device = mfa.authenticator(request.user)
    context = {
        "device": device,
        "left": mfa.backup_codes_left(request.user) if device else 0,
        "verified": mfa.is_verified(request),
    }
    return render(request, "agencies/mfa/account.html", context)


@require_http_methods(["GET", "POST"])
def remove(request: SignedInRequest) -> HttpResponse:
    """Remove or replace the second factor, after entering a code from it."""
    if mfa.authenticator(request.user) is None:
        return redirect("mfa:account")
    replace = (request.POST or request.GET).get("then") == "replace"
    form = CodeForm(request.POST or None, hint=ANY_HINT, submit="Replace" if replace else "Remove")
    status = 200
    if request.method == "POST":
        if _locked(request):
            return _lock_out(request)
        if form.is_valid():
            checked = mfa.check_code(request.user, form.cleaned_data["code"])
            if checked.device is not None:
                mfa.remove(request.user)
                if replace:
                    return redirect("mfa:setup")
                messages.success(request, "Your second factor is removed.")
                return redirect("mfa:account")
            _refused(request, form, checked.waiting)
        status = 400
    context = {"form": form, "replace": replace}
    return render(request, "agencies/mfa/remove.html", context, status=status)
