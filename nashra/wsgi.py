"""WSGI entry point for gunicorn (`nashra.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.base")

django_application = get_wsgi_application()

# Imported after Django is set up: the fast paths use the apps' models and the cache.
from nashra.audience.fast_path import BeaconFastPath  # noqa: E402
from nashra.operations.page_cache import PageCacheFastPath  # noqa: E402

# Page-cache hits first (most of a spike), then view beacons, then Django for the rest.
application = PageCacheFastPath(BeaconFastPath(django_application))
