"""Top-level URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from agencies.auth_views import NewPasswordView, ResetRequestView, SignInView
from core.views import session_extend
from home import views as home
from meetings import read_log

from .health import healthz

auth_patterns = [
    path(
        "sign-in/",
        SignInView.as_view(),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("session/", session_extend, name="session_extend"),
    path(
        "password-reset/",
        ResetRequestView.as_view(),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        NewPasswordView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("account/", include(auth_patterns)),
    path("account/two-factor/", include("agencies.mfa_urls")),
    path("agencies/", include("agencies.urls")),
    path("meetings/", include("meetings.urls")),
    path("actions/", include("actions.urls")),
    path("attendance/", include("attendance.urls")),
    path("minutes/", include("minutes.urls")),
    path("messages/", include("inbox.urls")),
    path("search/", include("search.urls")),
    path("import/", include("intake.urls")),
    path("transcripts/", include("transcripts.urls")),
    path("api/", include("api.urls")),
    # The log is audit's, but who may see which reads is the access rule's answer, and audit
    # imports no app: the page is served from meetings, under audit's URL names.
    path("audit/", include(([path("", read_log.log_page, name="log")], "audit"))),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

handler400 = "core.errors.bad_request"
