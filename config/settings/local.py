"""The embedded default used by `make run`: SQLite, the broker on disk, emails as files.

DEBUG stays off unless DJANGO_DEBUG=True, so a newcomer sees the product's own error pages and
the static files are served by WhiteNoise from the collected STATIC_ROOT, as in production.
"""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, VAR_DIR, env

if "EMAIL_URL" not in env:
    # Files rather than the console: the demo's first sweep sends dozens of emails at start-up.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# `make run HOST=...` serves on that address, so it must be an allowed Host header too.
_host = env("HOST", default="")
if _host and "DJANGO_ALLOWED_HOSTS" not in env and _host not in ALLOWED_HOSTS:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, _host]
