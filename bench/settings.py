"""Settings for the benchmark: production settings on plain HTTP over loopback, plus floor views
and a middleware that reports each request's queries. Never used by the product itself."""

import os

# Production settings insist on these; the benchmark runs on its own database and Redis db.
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "bench-only-secret-key-never-used-in-production-0123456789"
)
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/13")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from config.settings.production import *  # noqa: F403
from config.settings.production import MIDDLEWARE

# Loopback HTTP: no TLS redirect, cookies not marked Secure (gunicorn is reached directly).
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

# The personas sign in with force_login and the benchmark measures pages, not the second factor:
# with MFA_REQUIRED every page would answer a redirect to the second-factor set-up.
MFA_REQUIRED = False

ROOT_URLCONF = "bench.urls"
# Outermost, so that the session save done by SessionMiddleware is counted too.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
# The API's throttle stays on (its cache reads and writes are part of what is measured), with a
# rate no closed loop of simulated readers reaches.
API_THROTTLE_RATES = {"user": "10000000/minute", "anon": "10000000/minute"}
