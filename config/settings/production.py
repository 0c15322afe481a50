"""Production: PostgreSQL, Redis, HTTPS only. Every secret must come from the environment."""

from config import scale

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
# DATABASE_URL is required here; connections are kept for a minute unless CONN_MAX_AGE says.
DATABASES = scale.databases(env, conn_max_age=60)

# Everyone enters a second factor after their password (issue 16); MFA_REQUIRED=False turns it off.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
