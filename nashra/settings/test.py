"""Test settings: the real databases and caches of base, made fast and deterministic."""

from __future__ import annotations

from nashra.settings.base import *  # noqa: F403
from nashra.settings.base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # pytest-django's live server threads share the test database through a file.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-nashra.sqlite3")}  # noqa: F405
# Tests see pages as rendered; the page cache's own tests switch it on.
PAGE_CACHE_SECONDS = 0
# Only these settings may switch on the captcha's test mode (nashra.comments.apps checks).
NASHRA_TESTING = True
CAPTCHA_TEST_MODE = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
