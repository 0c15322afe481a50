"""Settings shared by every environment; values come from environment variables.

The defaults are the embedded ones (SQLite, console email, a broker on the local disk) so that a
fresh clone runs with no services at all.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

from config import scale

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-embedded-default-do-not-use-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "agencies",
    "inbox",
    "meetings",
    "actions",
    "attendance",
    "minutes",
    "intake",
    "search",
    "api",
    "transcripts",
    "public_pages",
    "audit",
    "core",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The security headers Django has no setting for (CONTENT_SECURITY_POLICY below), on every
    # response, static files and downloads included.
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, but a page's own polling does not renew it (core/sessions.py).
    "core.sessions.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session entered a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Before the sign-in redirect, so a NUL never travels on in a `next`.
    "core.middleware.RefuseNulMiddleware",
    # Before LoginRequiredMiddleware: a form posted after the session ended is kept (core.drafts).
    "core.drafts.KeepDraftMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After sign-in, before any view: the second factor (agencies/mfa.py) when it is owed.
    "agencies.middleware.SecondFactorMiddleware",
    "core.middleware.RequestMemoMiddleware",
    # What of restricted content each response shows (audit.shown): its marking.
    "audit.middleware.ShownMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes must come last so that it sees the outcome of every sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from this site only;
# no inline script or style (templates/ holds none: tests/test_csp.py fails if one appears),
# no plugins, never framed. The API docs page (Swagger UI) loads its start-up script from a URL
# of its own (api/schema_views.py) so it runs under the same policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # govuk-frontend's CSS and Swagger UI draw some icons from data: URLs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# The other headers: Django's defaults send X-Content-Type-Options: nosniff, Referrer-Policy:
# same-origin, Cross-Origin-Opener-Policy: same-origin and X-Frame-Options: DENY; they are
# spelled out here so that a change to Django's defaults cannot drop one unnoticed.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inbox.context_processors.inbox",
                "core.drafts.session_context",
                "meetings.marking.marking",
            ],
            # Every create form carries `{% submit_token %}` (core.once) without a load.
            "builtins": ["core.templatetags.once"],
        },
    },
]

VAR_DIR.mkdir(exist_ok=True)
# One transaction per request; PgBouncer and a read replica by environment (config/scale.py).
DATABASES = scale.databases(env, default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
vars().update(scale.replica_routing(env, DATABASES, MIDDLEWARE))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "agencies.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out client is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # NCSC password guidance: length over complexity, at least 12 characters.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"

# Pages and PDFs without restricted content are OFFICIAL: marked as such, or left unmarked
# (restricted content is always OFFICIAL-SENSITIVE, core.marking).
MARK_OFFICIAL = env.bool("MARK_OFFICIAL", default=True)

# A second factor (TOTP with backup codes, django-otp): people who set one up always enter it
# after their password; with MFA_REQUIRED everyone must, and nothing else is served until they
# have. Off by default so `make run` and the tests sign in with a password; on in production.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Partnership meetings"
# django-otp doubles the wait after each wrong code (1 s, 2 s, 4 s ...), per device.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# The admin never shows a person's secret or its QR code: whoever could read it would hold
# their second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 minutes without a request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The page warns this long before the session ends, with a "stay signed in" button (WCAG 2.2.1).
SESSION_WARNING_SECONDS = env.int("SESSION_WARNING_SECONDS", default=2 * 60)

# django-guardian: no anonymous user; object permissions only for signed-in people.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = True

# django-axes: a cool-off after repeated failures, never a permanent lock.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The sign-in form posts the email in Django's "username" field.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# govuk-frontend's compiled CSS asks for its fonts and images under /assets/, so static files
# are served from there.
STATIC_URL = "/assets/"
STATIC_ROOT: Path | None = VAR_DIR / "static"
GOVUK_FRONTEND_DIST = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    GOVUK_FRONTEND_DIST / "assets",
    ("govuk", GOVUK_FRONTEND_DIST),
]
# The searchable people pickers (static/js/pickers.js enhances their selects). A checkout whose
# assets predate it (`make assets` installs it) keeps plain selects rather than failing checks.
AUTOCOMPLETE_DIST = BASE_DIR / "node_modules" / "accessible-autocomplete" / "dist"
if AUTOCOMPLETE_DIST.is_dir():
    STATICFILES_DIRS.append(("accessible-autocomplete", AUTOCOMPLETE_DIST))
# Papers, evidence, import previews: the local disk, or an S3-compatible bucket (config/scale.py).
STORAGES = {
    "default": scale.file_storage(env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# A mail server that hangs must not hold a delivery (and its claimed outbox row) for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Where the accessibility statement (/accessibility/) asks people to report a problem.
ACCESSIBILITY_CONTACT_EMAIL = env(
    "ACCESSIBILITY_CONTACT_EMAIL", default="accessibility@meetings.example"
)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Partnership meetings <no-reply@meetings.example>"
)

# Celery: Redis in production (CELERY_BROKER_URL); embedded default is a broker on the local
# disk, so the same worker and beat run on a fresh machine with no Redis.
CELERY_BROKER_CONFIGURED = "CELERY_BROKER_URL" in env
# The filesystem transport ignores the host, but kombu warns "No hostname was supplied" at every
# connection without one.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://localhost/")
_broker_dir = VAR_DIR / "broker"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {}
    if CELERY_BROKER_CONFIGURED
    else {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
)
if not CELERY_BROKER_CONFIGURED:
    for _folder in ("queue", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_TIMEOUT = 3

# Chasing (DESIGN.md section 4): the beat sweeps every few minutes; the outbox's state, not the
# broker, decides what is sent, so lost tasks are queued again after CHASING_REQUEUE_SECONDS.
CHASING_SWEEP_SECONDS = env.float("CHASING_SWEEP_SECONDS", default=300.0)
CHASING_REQUEUE_SECONDS = env.float("CHASING_REQUEUE_SECONDS", default=600.0)
CHASING_RETRY_BASE_SECONDS = env.float("CHASING_RETRY_BASE_SECONDS", default=60.0)
CHASING_MAX_ATTEMPTS = env.int("CHASING_MAX_ATTEMPTS", default=6)
CHASING_BATCH_SIZE = env.int("CHASING_BATCH_SIZE", default=100)  # reminders per SMTP connection
# An unreachable mail server is tried again after a doubling wait capped here (one cheap try).
CHASING_CIRCUIT_MAX_SECONDS = env.float("CHASING_CIRCUIT_MAX_SECONDS", default=600.0)
# Circulated draft minutes ask for comments within this many days.
MINUTES_COMMENT_DAYS = env.int("MINUTES_COMMENT_DAYS", default=14)
DAY = 24 * 3600
CELERY_BEAT_SCHEDULE = {
    "chase-actions": {"task": "actions.tasks.chase_actions", "schedule": CHASING_SWEEP_SECONDS},
    # A published meeting whose end has passed becomes "held" (meetings/services/lifecycle.py).
    "mark-meetings-held": {
        "task": "meetings.tasks.mark_meetings_held",
        "schedule": CHASING_SWEEP_SECONDS,
    },
    # Agenda notices whose after-commit task was lost, or whose send failed.
    "send-agenda-notices": {
        "task": "meetings.tasks.send_pending_agenda_notices",
        "schedule": CHASING_SWEEP_SECONDS,
    },
    # Messages whose email failed (after backoff) or whose after-commit task was lost.
    "deliver-messages": {"task": "inbox.tasks.deliver_pending", "schedule": CHASING_SWEEP_SECONDS},
    # Submit records and unclaimed drafts past their keep periods (core/purge.py).
    "purge-old-plumbing": {"task": "core.tasks.purge_old_plumbing", "schedule": 24 * 3600},
}
# Emails owed to askers of public questions (a lost task's); the public record past the years
# the law keeps it up (marked, never removed); disclosures past their keep period.
CELERY_BEAT_SCHEDULE |= {
    name: {"task": task, "schedule": every}
    for name, task, every in [
        ("send-pending-question-emails", "meetings.tasks.send_pending_question_emails", 15 * 60),
        ("mark-public-records-removable", "public_pages.tasks.mark_public_records_removable", DAY),
        ("purge-old-disclosures", "audit.tasks.purge_old_disclosures", DAY),
    ]
}
# How long a form's one-time submit record and an unclaimed draft are kept (core/purge.py).
SUBMISSION_KEEP_DAYS = env.int("SUBMISSION_KEEP_DAYS", default=7)
DRAFT_KEEP_DAYS = env.int("DRAFT_KEEP_DAYS", default=7)
# How long the disclosure log keeps a row (audit/disclosures.py): six years by default.
DISCLOSURE_KEEP_DAYS = env.int("DISCLOSURE_KEEP_DAYS", default=6 * 366)

HEALTHZ_BROKER_TIMEOUT = 2.0

# The cache holds the API's throttle counters. The embedded default is per process (runserver
# and the tests are one process); several gunicorn workers share one with CACHE_URL=redis://...
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# The REST API (api/, issue #15): signed-in sessions (with CSRF) for the browser, and tokens
# (django-rest-knox: hashed, per person, revocable, shown once) for scripts. Every endpoint needs
# one or the other; JSON in and out (multipart too, for evidence files).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a request with neither answers 401 with `WWW-Authenticate: Token`.
        "api.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.AnonThrottle", "api.throttles.UserThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per person (token or session) and per address without either; read on each request
# (api/throttles.py), so they can be changed without a restart of the settings machinery.
API_THROTTLE_RATES = {
    "user": env("API_THROTTLE_USER", default="600/minute"),
    "anon": env("API_THROTTLE_ANON", default="30/minute"),
}
# Addresses answered in JSON even when a middleware refuses the request (a NUL character).
JSON_URL_PREFIXES = ["/api/"]
KNOX_TOKEN_MODEL = "api.ApiToken"
# knox's own migrations would create its (swapped out) token table anyway, a table no model
# names, which test flushes cannot truncate; api.ApiToken is the only token table.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=365)),
    "TOKEN_PREFIX": "pm_",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Partnership meetings API",
    "DESCRIPTION": "Committees, meetings, agenda items and actions as the signed-in person (or "
    "the owner of the token) may see them, and progress updates on actions. Send a token as "
    "`Authorization: Token <token>`; make one under API tokens.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Operations are tagged (and grouped in the docs) by resource: actions, committees, ...
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {"ActionStatus": "actions.models.Action.Status"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
