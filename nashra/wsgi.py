"""WSGI entry point for gunicorn (`nashra.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.base")

django_application = get_wsgi_application()

# Imported after Django is set up: the fast path uses the audience app's models.
from nashra.audience.fast_path import BeaconFastPath  # noqa: E402

application = BeaconFastPath(django_application)
