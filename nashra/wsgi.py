"""WSGI entry point for gunicorn (`nashra.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.base")

application = get_wsgi_application()
