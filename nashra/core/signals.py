"""Keep the default site's address in step with SITE_URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from wagtail.models import Site


def sync_default_site(sender: AppConfig, **kwargs: Any) -> None:
    """Give the default Wagtail site the host and port of SITE_URL.

    Absolute addresses (feeds, sitemaps, canonical links, structured data) come from the
    site's root URL; the first migration can only guess it, and SITE_URL is where the
    operator says it. Runs after every migrate, so `nashra serve` applies a changed SITE_URL.
    """
    hostname, port = site_url_host_and_port()
    Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port).update(
        hostname=hostname, port=port
    )


def site_url_host_and_port() -> tuple[str, int]:
    address = urlsplit(settings.SITE_URL)
    return address.hostname or "localhost", address.port or (
        443 if address.scheme == "https" else 80
    )


def connect(app: AppConfig) -> None:
    post_migrate.connect(sync_default_site, sender=app, dispatch_uid="nashra-sync-site")
