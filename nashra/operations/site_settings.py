"""The site-wide settings models of every installed app, found without importing them."""

from __future__ import annotations

from django.apps import apps
from wagtail.contrib.settings.models import BaseSiteSetting


def site_setting_models() -> list[type[BaseSiteSetting]]:
    """Every concrete per-site settings model (the site's own, the comments'...).

    Every page reads them, so the page cache and the site lookup must know them all; asking
    the app registry keeps this layer below the apps that define them.
    """
    return [
        model for model in apps.get_models()
        if issubclass(model, BaseSiteSetting) and not model._meta.abstract
    ]
