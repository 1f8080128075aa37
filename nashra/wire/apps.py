from __future__ import annotations

from django.apps import AppConfig


class WireConfig(AppConfig):
    # Not "syndication": that is Django's own outbound feeds app.
    name = "nashra.wire"
    label = "wire"
    verbose_name = "الأخبار الواردة"
