"""Top-level URLs."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from agencies.auth_views import NewPasswordView, ResetRequestView, SignInView
from core.views import session_extend
from home import views as home
from meetings import disclosure_log, read_log

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
    path("public/", include("public_pages.urls")),
    path("public-records/", include("public_pages.record_urls")),
    # The log is audit's, but who may see which reads is the access rule's answer, and audit
    # imports no app: the page is served from meetings, under audit's URL names.
    path(
        "audit/",
        include(
            (
                [
                    path("", read_log.log_page, name="log"),
                    path("disclosures/", disclosure_log.disclosure_page, name="disclosures"),
                    path("disclosures.csv", disclosure_log.disclosure_csv, name="disclosures_csv"),
                ],
                "audit",
            )
        ),
    ),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Public, like the sign-in page: anyone may read how accessible the product is.
    path(
        "accessibility/",
        login_not_required(
            TemplateView.as_view(
                template_name="accessibility.html",
                extra_context={"contact": settings.ACCESSIBILITY_CONTACT_EMAIL},
            )
        ),
        name="accessibility",
    ),
]

handler400 = "core.errors.bad_request"
