"""Settings for the test suite: fast hashing, email kept in memory."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests read static files through the finders; there is no collected STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Tasks queued after commit run in-process in unit tests; the worker tests start a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
